import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import captured from '../test/fixtures/packet-4-http-get.json';
import type { PacketDetail } from '../types';
import { ancestorsOf, DetailTree, fieldAtByte, nodeAt, type NodePath } from './DetailTree';

/** Frame 4 of dpkt-http.pcap as the server decodes it: eth, ip, tcp and an HTTP GET. */
const { layers } = captured as PacketDetail;

const nameAt = (path: NodePath | null) => (path === null ? null : nodeAt(layers, path)?.name);

describe('nodeAt', () => {
  it('follows child indexes down the tree', () => {
    expect(nameAt('3')).toBe('tcp');
    expect(nameAt('3.6.5')).toBe('tcp.flags.ack');
    expect(nodeAt(layers, '4.0.1')?.value).toBe('/download.html');
  });

  it('gives null for a path the packet does not have', () => {
    expect(nodeAt(layers, '5')).toBeNull();
    expect(nodeAt(layers, '3.99')).toBeNull();
    expect(nodeAt(layers, '1.0.0')).toBeNull();
  });
});

describe('fieldAtByte', () => {
  it('picks the narrowest field covering the byte, not its layer or the frame', () => {
    expect(nameAt(fieldAtByte(layers, 0))).toBe('eth.dst');
    expect(nameAt(fieldAtByte(layers, 40))).toBe('tcp.seq');
    expect(nameAt(fieldAtByte(layers, 60))).toBe('http.request.uri');
    expect(nameAt(fieldAtByte(layers, 100))).toBe('http.host');
  });

  it('skips fields that cover no bytes', () => {
    // tcp.len sits at offset 34 with length 0, beside tcp.srcport's two bytes.
    expect(nodeAt(layers, '3.2')).toMatchObject({ name: 'tcp.len', offset: 34, length: 0 });
    expect(nameAt(fieldAtByte(layers, 34))).toBe('tcp.srcport');
  });

  it('prefers a child over its parent of the same width', () => {
    // ip.dsfield is one byte and so are its two bit fields.
    const path = fieldAtByte(layers, 15)!;
    expect(ancestorsOf(path)).toContain('2.2');
    expect(nameAt(path)).toMatch(/^ip\.dsfield\./);
  });

  it('finds nothing past the last byte', () => {
    expect(nameAt(fieldAtByte(layers, 532))).toBe('');
    expect(fieldAtByte(layers, 532)).toBe('4.10');
    expect(fieldAtByte(layers, 533)).toBeNull();
  });
});

describe('ancestorsOf', () => {
  it('lists every ancestor, outermost first, and none for a layer', () => {
    expect(ancestorsOf('4.0.1')).toEqual(['4', '4.0']);
    expect(ancestorsOf('3.6.10')).toEqual(['3', '3.6']);
    expect(ancestorsOf('3')).toEqual([]);
  });
});

describe('DetailTree', () => {
  const renderTree = (expanded: NodePath[], selected: NodePath | null) => {
    const onToggle = vi.fn();
    const onSelect = vi.fn();
    render(<DetailTree layers={layers} expanded={new Set(expanded)} selected={selected} onToggle={onToggle} onSelect={onSelect} />);
    return { onToggle, onSelect, tree: screen.getByRole('tree', { name: 'Packet details' }) };
  };
  const item = (label: string) => screen.getByRole('treeitem', { name: label });

  it('shows the layers, and the fields of the open ones, with their levels and open state', () => {
    renderTree(['1', '3'], null);
    const items = screen.getAllByRole('treeitem');
    // Five layers, eth's three fields and tcp's ten.
    expect(items).toHaveLength(5 + 3 + 10);
    expect(items.filter((node) => node.getAttribute('aria-level') === '1').map((node) => node.dataset.field))
      .toEqual(['frame', 'eth', 'ip', 'tcp', 'http']);
    expect(item('Ethernet II, Src: 00:00:01:00:00:00, Dst: fe:ff:20:00:01:00')).toHaveAttribute('aria-expanded', 'true');
    expect(items.find((node) => node.dataset.field === 'ip')).toHaveAttribute('aria-expanded', 'false');
    expect(item('Source Port: 3372')).toHaveAttribute('aria-level', '2');
    expect(item('Source Port: 3372')).not.toHaveAttribute('aria-expanded');
    expect(item('Flags: 0x018 (PSH, ACK)')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('treeitem', { name: 'Total Length: 519' })).toBeNull();
    expect(item('Source Port: 3372')).toHaveAttribute('title', 'tcp.srcport');
  });

  it('selects a clicked line and opens or closes a layer by its twisty', async () => {
    const user = userEvent.setup();
    const { onToggle, onSelect } = renderTree(['1'], null);
    await user.click(item('Source: 00:00:01:00:00:00'));
    expect(onSelect).toHaveBeenCalledExactlyOnceWith('1.1');

    const ip = screen.getAllByRole('treeitem').find((node) => node.dataset.field === 'ip')!;
    await user.click(ip.querySelector('.twisty')!);
    expect(onToggle).toHaveBeenCalledExactlyOnceWith('2');
    expect(onSelect).toHaveBeenCalledTimes(1);

    await user.dblClick(item('Hypertext Transfer Protocol'));
    expect(onToggle).toHaveBeenLastCalledWith('4');
  });

  it('marks the selected line for assistive technology', () => {
    const { tree } = renderTree(['3'], '3.0');
    expect(tree).toHaveAttribute('aria-activedescendant', 'field-3.0');
    expect(item('Source Port: 3372')).toHaveAttribute('aria-selected', 'true');
    expect(item('Source Port: 3372')).toHaveClass('selected');
    expect(item('Destination Port: 80')).toHaveAttribute('aria-selected', 'false');
  });

  it.each([
    // [keys, expanded, selected, the toggle or selection expected]
    ['ArrowRight opens a closed node', 'ArrowRight', ['1'], '2', { toggle: '2' }],
    ['ArrowRight on an open node goes to its first child', 'ArrowRight', ['1'], '1', { select: '1.0' }],
    ['ArrowLeft closes an open node', 'ArrowLeft', ['1'], '1', { toggle: '1' }],
    ['ArrowLeft on a field goes to its parent', 'ArrowLeft', ['3', '3.6'], '3.6.2', { select: '3.6' }],
    ['Enter opens a closed node', 'Enter', [], '4', { toggle: '4' }],
    ['Enter closes an open node', 'Enter', ['4'], '4', { toggle: '4' }],
    ['ArrowDown goes from a last field to the next layer', 'ArrowDown', ['1'], '1.2', { select: '2' }],
    ['ArrowUp goes to the line above', 'ArrowUp', ['1'], '2', { select: '1.2' }],
    ['ArrowUp with nothing selected starts at the top', 'ArrowUp', [], null, { select: '0' }],
    ['ArrowDown stays on the last line', 'ArrowDown', [], '4', { select: '4' }],
  ] as const)('%s', (_, key, expanded, selected, expected) => {
    const { tree, onToggle, onSelect } = renderTree([...expanded], selected);
    fireEvent.keyDown(tree, { key });
    if ('toggle' in expected) {
      expect(onToggle).toHaveBeenCalledExactlyOnceWith(expected.toggle);
      expect(onSelect).not.toHaveBeenCalled();
    } else {
      expect(onSelect).toHaveBeenCalledExactlyOnceWith(expected.select);
      expect(onToggle).not.toHaveBeenCalled();
    }
  });

  it('does nothing on Enter at a field, or on ArrowLeft at a closed layer', () => {
    const { tree, onToggle, onSelect } = renderTree(['1'], '1.0');
    fireEvent.keyDown(tree, { key: 'Enter' });
    cleanup();
    const closed = renderTree([], '2');
    fireEvent.keyDown(closed.tree, { key: 'ArrowLeft' });
    expect([...onToggle.mock.calls, ...onSelect.mock.calls, ...closed.onToggle.mock.calls, ...closed.onSelect.mock.calls]).toEqual([]);
  });
});

describe('hidden nodes', () => {
  // As the server sends them: http.request is there for display filters only, as in Wireshark.
  const node = (name: string, label: string, offset: number, length: number, children: PacketDetail['layers'] = [], hidden = false) =>
    ({ name, label, value: null, offset, length, hidden, children });
  const tree = [
    node('http', 'Hypertext Transfer Protocol', 0, 18, [
      node('http.request.method', 'Request Method: GET', 0, 3),
      node('http.request.line', 'GET / HTTP/1.1\\r\\n', 0, 16, [], true),
      node('http.request', 'Request: True', 0, 0, [], true),
    ]),
    node('data', 'Data (2 bytes)', 18, 2, [node('data.len', 'Length: 2', 18, 0, [], true)]),
  ];

  it('leaves them out of the tree, and a node whose children are all hidden has no twisty', () => {
    render(<DetailTree layers={tree} expanded={new Set(['0', '1'])} selected={null} onToggle={vi.fn()} onSelect={vi.fn()} />);
    expect(screen.getAllByRole('treeitem').map((item) => item.dataset.field)).toEqual(['http', 'http.request.method', 'data']);
    expect(screen.getByRole('treeitem', { name: 'Data (2 bytes)' })).not.toHaveAttribute('aria-expanded');
  });

  it('never picks one for a clicked byte', () => {
    expect(fieldAtByte(tree, 5)).toBe('0');
    expect(fieldAtByte(tree, 1)).toBe('0.0');
  });
});
