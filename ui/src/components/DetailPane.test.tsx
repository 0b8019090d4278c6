import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import fields from '../test/fixtures/fields.json';
import captured from '../test/fixtures/packet-4-http-get.json';
import type { FieldInfo, PacketDetail } from '../types';
import { DetailPane } from './DetailPane';

/** Frame 4 of dpkt-http.pcap as GET /api/packets/4 answered it. */
const packet = captured as PacketDetail;

/** A loader that knows frame 4 only, and answers other frames as the server does. */
const loader = () =>
  vi.fn(async (frameNumber: number): Promise<PacketDetail> => {
    if (frameNumber === 4) return packet;
    throw new ApiError(404, 'no such packet', `packet ${frameNumber} is not in the history (it holds 1 to 43)`);
  });

const item = (label: string) => screen.getByRole('treeitem', { name: label });
const markedOffsets = () =>
  [...new Set([...document.querySelectorAll<HTMLElement>('.hex-view .marked')].map((cell) => Number(cell.dataset.offset)))];
const range = (offset: number, length: number) => Array.from({ length }, (_, index) => offset + index);

describe('DetailPane', () => {
  it('asks for a selection when none is made', () => {
    const load = loader();
    render(<DetailPane frameNumber={null} onExplain={() => {}} load={load} />);
    expect(screen.getByLabelText('Packet detail')).toHaveTextContent('Select a packet to see its layers and bytes.');
    expect(load).not.toHaveBeenCalled();
  });

  it('loads the frame and opens every layer but the frame bookkeeping', async () => {
    const load = loader();
    render(<DetailPane frameNumber={4} onExplain={() => {}} load={load} />);
    await screen.findByRole('tree');
    expect(load).toHaveBeenCalledExactlyOnceWith(4);
    expect(screen.getByText('Frame 4')).toBeInTheDocument();
    const layers = screen.getAllByRole('treeitem').filter((node) => node.getAttribute('aria-level') === '1');
    expect(layers.map((node) => [node.dataset.field, node.getAttribute('aria-expanded')])).toEqual([
      ['frame', 'false'], ['eth', 'true'], ['ip', 'true'], ['tcp', 'true'], ['http', 'true'],
    ]);
    expect(screen.queryByRole('treeitem', { name: 'Frame Number: 4' })).toBeNull();
    expect(item('GET /download.html HTTP/1.1\\r\\n')).toHaveAttribute('aria-level', '2');
    expect(item('GET /download.html HTTP/1.1\\r\\n')).toHaveAttribute('aria-expanded', 'false');
    expect(screen.getByLabelText('Packet bytes').querySelectorAll('.hex-line')).toHaveLength(34);
    expect(markedOffsets()).toEqual([]);
  });

  it('marks exactly the bytes of the field selected in the tree, and names it', async () => {
    const user = userEvent.setup();
    render(<DetailPane frameNumber={4} onExplain={() => {}} load={loader()} />);
    await user.click(await screen.findByRole('treeitem', { name: 'Source Port: 3372' }));
    expect(markedOffsets()).toEqual([34, 35]);
    expect(screen.getByTitle('Filter for this field')).toHaveTextContent('tcp.srcport == 3372');

    await user.click(item('Internet Protocol Version 4, Src: 145.254.160.237, Dst: 65.208.228.223'));
    expect(markedOffsets()).toEqual(range(14, 20));
    expect(screen.getByTitle('Filter for this field')).toHaveTextContent(/^ip$/);

    // A field that covers no bytes marks none.
    await user.click(item('TCP Segment Len: 479'));
    expect(markedOffsets()).toEqual([]);
  });

  it('selects the narrowest field under a clicked byte and opens the tree down to it', async () => {
    const user = userEvent.setup();
    render(<DetailPane frameNumber={4} onExplain={() => {}} load={loader()} />);
    const http = await screen.findByRole('treeitem', { name: 'Hypertext Transfer Protocol' });
    await user.click(http.querySelector('.twisty')!);
    expect(http).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('treeitem', { name: 'Request URI: /download.html' })).toBeNull();

    await user.click(document.querySelector('.hex-bytes [data-offset="60"]')!);
    expect(http).toHaveAttribute('aria-expanded', 'true');
    expect(item('GET /download.html HTTP/1.1\\r\\n')).toHaveAttribute('aria-expanded', 'true');
    expect(item('Request URI: /download.html')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tree')).toHaveAttribute('aria-activedescendant', 'field-4.0.1');
    expect(markedOffsets()).toEqual(range(58, 14));

    // The frame layer, closed at first, opens for nothing: its fields cover no bytes.
    await user.click(document.querySelector('.hex-ascii [data-offset="0"]')!);
    expect(item('Destination: fe:ff:20:00:01:00')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getAllByRole('treeitem').find((node) => node.dataset.field === 'frame'))
      .toHaveAttribute('aria-expanded', 'false');
  });

  it('opens and closes layers from the keyboard', async () => {
    const user = userEvent.setup();
    render(<DetailPane frameNumber={4} onExplain={() => {}} load={loader()} />);
    const ip = await screen.findByRole('treeitem', { name: /^Internet Protocol Version 4/ });
    await user.click(ip);
    const ttlShown = () => screen.queryByRole('treeitem', { name: 'Time to Live: 128' }) !== null;

    await user.keyboard('{ArrowLeft}');
    expect(ip).toHaveAttribute('aria-expanded', 'false');
    expect(ttlShown()).toBe(false);
    await user.keyboard('{ArrowRight}');
    expect(ip).toHaveAttribute('aria-expanded', 'true');
    expect(ttlShown()).toBe(true);
    await user.keyboard('{Enter}');
    expect(ip).toHaveAttribute('aria-expanded', 'false');
    await user.keyboard('{Enter}{ArrowRight}');
    expect(item('0100 .... = Version: 4')).toHaveAttribute('aria-selected', 'true');
    expect(markedOffsets()).toEqual([14]);
    await user.keyboard('{ArrowLeft}');
    expect(ip).toHaveAttribute('aria-selected', 'true');
  });

  it('applies or prepares a field of the tree as a display filter from its right-click menu, or from the keyboard', async () => {
    const user = userEvent.setup();
    const onApplyFilter = vi.fn();
    const onPrepareFilter = vi.fn();
    render(<DetailPane frameNumber={4} onExplain={() => {}} load={loader()} fields={fields as FieldInfo[]}
                       onApplyFilter={onApplyFilter} onPrepareFilter={onPrepareFilter} />);
    await user.pointer({ keys: '[MouseRight]', target: await screen.findByRole('treeitem', { name: 'Host: www.ethereal.com\\r\\n' }) });
    const menu = screen.getByRole('menu', { name: 'Field http.host' });
    expect(within(menu).getAllByRole('menuitem').map((entry) => entry.textContent)).toEqual(['Apply as Filter', 'Prepare as Filter']);
    expect(within(menu).getAllByRole('menuitem')[0]).toHaveFocus();
    await user.click(within(menu).getByRole('menuitem', { name: 'Apply as Filter' }));
    expect(onApplyFilter).toHaveBeenCalledExactlyOnceWith('http.host == "www.ethereal.com"');
    expect(screen.queryByRole('menu')).toBeNull();

    // The keyboard's way: the selected line, Shift+F10, down to Prepare, Enter.
    await user.click(item('Source Port: 3372'));
    await user.keyboard('{Shift>}{F10}{/Shift}{ArrowDown}{Enter}');
    expect(onPrepareFilter).toHaveBeenCalledExactlyOnceWith('tcp.srcport == 3372');
    expect(onApplyFilter).toHaveBeenCalledTimes(1);

    // A line without a field name has nothing to filter on; Escape closes the menu.
    await user.pointer({ keys: '[MouseRight]', target: item('GET /download.html HTTP/1.1\\r\\n') });
    const textMenu = screen.getByRole('menu');
    expect(within(textMenu).getAllByRole('menuitem').every((entry) => entry.getAttribute('aria-disabled') === 'true')).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('asks for the explanation of the frame shown', async () => {
    const user = userEvent.setup();
    const onExplain = vi.fn();
    render(<DetailPane frameNumber={4} onExplain={onExplain} load={loader()} />);
    await user.click(screen.getByRole('button', { name: 'Explain' }));
    expect(onExplain).toHaveBeenCalledExactlyOnceWith(4);
  });

  it('shows the server error for a frame it cannot load, and recovers on the next one', async () => {
    const load = loader();
    const { rerender } = render(<DetailPane frameNumber={99} onExplain={() => {}} load={load} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('no such packet: packet 99 is not in the history (it holds 1 to 43)');
    expect(screen.queryByRole('tree')).toBeNull();

    rerender(<DetailPane frameNumber={4} onExplain={() => {}} load={load} />);
    await screen.findByRole('tree');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(load.mock.calls).toEqual([[99], [4]]);
  });

  it('shows an error that is not from the server as it is', async () => {
    const load = vi.fn(async (): Promise<PacketDetail> => {
      throw new TypeError('Failed to fetch');
    });
    render(<DetailPane frameNumber={4} onExplain={() => {}} load={load} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('TypeError: Failed to fetch');
    expect(within(screen.getByLabelText('Packet detail')).queryByRole('tree')).toBeNull();
  });
});
