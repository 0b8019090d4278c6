import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import captured from '../test/fixtures/packet-4-http-get.json';
import { HexView } from './HexView';

/** Frame 4 of dpkt-http.pcap: 533 bytes, an HTTP GET from offset 54. */
const hex = captured.bytes;

const lines = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>('.hex-line')];
const column = (line: HTMLElement, name: 'offset' | 'bytes' | 'ascii', separator = '') =>
  name === 'offset'
    ? line.querySelector('.hex-offset')!.textContent
    : [...line.querySelectorAll(`.hex-${name} .byte`)].map((cell) => cell.textContent).join(separator);
const markedOffsets = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('.marked')].map((cell) => Number(cell.dataset.offset));

describe('HexView', () => {
  it('shows sixteen bytes a line in offset, hex and ASCII columns', () => {
    const { container } = render(<HexView hex={hex} highlight={null} onSelectByte={() => {}} />);
    const shown = lines(container);
    expect(shown).toHaveLength(34);
    expect(shown.map((line) => column(line, 'offset')).slice(0, 3)).toEqual(['0000', '0010', '0020']);
    expect(column(shown[0], 'bytes', ' ')).toBe('fe ff 20 00 01 00 00 00 01 00 00 00 08 00 45 00');
    // Bytes 48..63: the end of the TCP header, then the request line; unprintable bytes are dots.
    expect(column(shown[3], 'ascii')).toBe('%..X..GET /downl');
    const last = shown[shown.length - 1];
    expect(column(last, 'offset')).toBe('0210');
    expect(column(last, 'bytes', ' ')).toHaveLength(5 * 3 - 1);
    expect(markedOffsets(container)).toEqual([]);
  });

  it('marks exactly the highlighted bytes, in both the hex and the ASCII column', () => {
    const { container } = render(<HexView hex={hex} highlight={{ offset: 58, length: 14 }} onSelectByte={() => {}} />);
    const uri = Array.from({ length: 14 }, (_, index) => 58 + index);
    const marked = markedOffsets(container);
    expect(marked).toHaveLength(28);
    expect([...new Set(marked)].sort((a, b) => a - b)).toEqual(uri);
    const ascii = [...container.querySelectorAll('.hex-ascii .marked')].map((cell) => cell.textContent).join('');
    expect(ascii).toBe('/download.html');
  });

  it('tells which byte was clicked, from either column', async () => {
    const user = userEvent.setup();
    const onSelectByte = vi.fn();
    const { container } = render(<HexView hex={hex} highlight={null} onSelectByte={onSelectByte} />);
    await user.click(container.querySelector('.hex-bytes [data-offset="60"]')!);
    await user.click(container.querySelector('.hex-ascii [data-offset="255"]')!);
    expect(onSelectByte.mock.calls).toEqual([[60], [255]]);
  });

  it('shows the first 4096 bytes of a long packet until asked for the rest', async () => {
    const user = userEvent.setup();
    const jumbo = 'ab'.repeat(4100);
    const { container } = render(<HexView hex={jumbo} highlight={null} onSelectByte={() => {}} />);
    expect(lines(container)).toHaveLength(256);
    await user.click(screen.getByRole('button', { name: 'Show all 4100 bytes' }));
    expect(lines(container)).toHaveLength(257);
    expect(column(lines(container)[256], 'offset')).toBe('1000');
    expect(column(lines(container)[256], 'bytes', ' ')).toBe('ab ab ab ab');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
