import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import capture from '../test/fixtures/dpkt-http-packets.json';
import type { PacketSummary } from '../types';
import { PacketTable, ROW_HEIGHT } from './PacketTable';

/** The 43 packets of dpkt-http.pcap as the server lists them: TCP, HTTP and DNS. */
const packets: PacketSummary[] = capture.packets;

/** Frames 1..count, as a long capture would give them. */
const synthetic = (count: number): PacketSummary[] =>
  Array.from({ length: count }, (_, index) => ({
    ...packets[index % packets.length],
    'frame.number': index + 1,
    time: index / 1000,
  }));

/** The table under a parent that keeps the selection and follow flag, as the App does. */
function Controlled({ rows, follow: initialFollow, onSelect, onFollowChange }: {
  rows: readonly PacketSummary[];
  follow: boolean;
  onSelect: (frameNumber: number) => void;
  onFollowChange: (follow: boolean) => void;
}) {
  const [selected, setSelected] = useState<number | null>(null);
  const [follow, setFollow] = useState(initialFollow);
  return (
    <PacketTable
      rows={rows}
      selected={selected}
      follow={follow}
      onSelect={(frameNumber) => {
        onSelect(frameNumber);
        setSelected(frameNumber);
      }}
      onFollowChange={(on) => {
        onFollowChange(on);
        setFollow(on);
      }}
    />
  );
}

const dataRows = () => screen.getAllByRole('row').filter((row) => row.getAttribute('aria-rowindex') !== '1');
const frameNumbers = () => dataRows().map((row) => Number(within(row).getAllByRole('gridcell')[0].textContent));

describe('PacketTable', () => {
  it('renders an ARIA grid: the header row and one row per packet, with the eight columns', () => {
    const rows = packets.slice(0, 20);
    render(<PacketTable rows={rows} selected={null} onSelect={() => {}} follow={false} onFollowChange={() => {}} />);

    const grid = screen.getByRole('grid', { name: 'Packets' });
    expect(grid).toHaveAttribute('aria-rowcount', '21');
    expect(within(grid).getAllByRole('row')).toHaveLength(21);
    expect(within(grid).getAllByRole('columnheader').map((cell) => cell.textContent))
      .toEqual(['No.', 'Time', 'Source', 'Destination', 'Protocol', 'Length', 'Process', 'Info']);

    const fourth = grid.querySelector('#packet-row-4')!;
    expect(fourth).toHaveAttribute('aria-rowindex', '5');
    expect(within(fourth as HTMLElement).getAllByRole('gridcell').map((cell) => cell.textContent)).toEqual([
      '4', '0.911310', '145.254.160.237', '65.208.228.223', 'HTTP', '533', '', 'GET /download.html HTTP/1.1',
    ]);
  });

  it('names the program of a packet whose program is known', () => {
    const rows = [{ ...packets[0], process: { pid: 4242, name: 'curl' } }, packets[1]];
    render(<PacketTable rows={rows} selected={null} onSelect={() => {}} follow={false} onFollowChange={() => {}} />);
    const programs = dataRows().map((row) => within(row).getAllByRole('gridcell')[6].textContent);
    expect(programs).toEqual(['curl (4242)', '']);
  });

  it('says so when there are no packets', () => {
    render(<PacketTable rows={[]} selected={null} onSelect={() => {}} follow onFollowChange={() => {}} />);
    expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', '1');
    expect(screen.getByText(/No packets yet/)).toBeInTheDocument();
  });

  it('colours each row by its protocol family', () => {
    render(<PacketTable rows={packets} selected={null} onSelect={() => {}} follow={false} onFollowChange={() => {}} />);
    const classOf = (frameNumber: number) => document.getElementById(`packet-row-${frameNumber}`)!.className;
    const protocolOf = (frameNumber: number) => packets.find((row) => row['frame.number'] === frameNumber)!.protocol;
    expect(protocolOf(1)).toBe('TCP');
    expect(classOf(1)).toContain('proto-tcp');
    expect(protocolOf(4)).toBe('HTTP');
    expect(classOf(4)).toContain('proto-http');
    const dns = packets.find((row) => row.protocol === 'DNS')!['frame.number'];
    expect(classOf(dns)).toContain('proto-dns');
    expect(classOf(dns)).not.toContain('proto-tcp');
  });

  it('marks what TCP analysis flagged as Wireshark\'s Bad TCP rule does', () => {
    const rows = packets.slice(30); // frames 31 to 43, all in view
    render(<PacketTable rows={rows} selected={null} onSelect={() => {}} follow={false} onFollowChange={() => {}} />);
    const bad = rows.filter((row) => document.getElementById(`packet-row-${row['frame.number']}`)!.className.includes('bad-tcp'));
    // tshark -r dpkt-http.pcap -Y 'tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack'
    expect(bad.map((row) => row['frame.number'])).toEqual([36, 37]);
  });

  it('keeps only the rows in view in the DOM, at the top and when following the newest of 100,000', () => {
    const rows = synthetic(100_000);
    const { rerender } = render(
      <PacketTable rows={rows} selected={null} onSelect={() => {}} follow={false} onFollowChange={() => {}} />,
    );
    expect(screen.getByRole('grid')).toHaveAttribute('aria-rowcount', '100001');
    // A 600px view shows 28 rows of 22px; ten more either side are drawn ahead of scrolling.
    const atTop = frameNumbers();
    expect(atTop[0]).toBe(1);
    expect(atTop.length).toBeGreaterThanOrEqual(600 / ROW_HEIGHT);
    expect(atTop.length).toBeLessThanOrEqual(600 / ROW_HEIGHT + 22);

    rerender(<PacketTable rows={rows} selected={null} onSelect={() => {}} follow onFollowChange={() => {}} />);
    const atBottom = frameNumbers();
    expect(atBottom[atBottom.length - 1]).toBe(100_000);
    expect(atBottom).not.toContain(1);
    expect(atBottom.length).toBeLessThanOrEqual(600 / ROW_HEIGHT + 22);
    expect(screen.getByRole('grid').scrollTop).toBe(100_001 * ROW_HEIGHT - 600);
  });

  it('selects a clicked row, and stops following unless it is the newest row', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    const onFollowChange = vi.fn();
    render(<Controlled rows={packets.slice(0, 20)} follow onSelect={onSelect} onFollowChange={onFollowChange} />);

    await user.click(screen.getByText('GET /download.html HTTP/1.1'));
    expect(onSelect).toHaveBeenLastCalledWith(4);
    expect(onFollowChange).toHaveBeenLastCalledWith(false);
    expect(document.getElementById('packet-row-4')).toHaveAttribute('aria-selected', 'true');
    expect(document.getElementById('packet-row-4')).toHaveClass('selected');
    expect(screen.getByRole('grid')).toHaveAttribute('aria-activedescendant', 'packet-row-4');

    onFollowChange.mockClear();
    await user.click(document.getElementById('packet-row-20')!);
    expect(onSelect).toHaveBeenLastCalledWith(20);
    expect(onFollowChange).not.toHaveBeenCalled();
    expect(document.getElementById('packet-row-4')).toHaveAttribute('aria-selected', 'false');
  });

  it('moves the selection with the arrow, page, Home and End keys; only End follows', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    const onFollowChange = vi.fn();
    render(<Controlled rows={synthetic(100)} follow={false} onSelect={onSelect} onFollowChange={onFollowChange} />);
    screen.getByRole('grid').focus();

    const press = async (key: string) => {
      await user.keyboard(`{${key}}`);
      return [onSelect.mock.lastCall?.[0], onFollowChange.mock.lastCall?.[0]];
    };
    // From no selection, down starts at the first row.
    expect(await press('ArrowDown')).toEqual([1, false]);
    expect(await press('ArrowDown')).toEqual([2, false]);
    // A page is the rows that fit in 600px less one: 26.
    expect(await press('PageDown')).toEqual([28, false]);
    expect(screen.getByRole('grid')).toHaveAttribute('aria-activedescendant', 'packet-row-28');
    expect(document.getElementById('packet-row-28')).toHaveAttribute('aria-selected', 'true');
    expect(await press('PageUp')).toEqual([2, false]);
    expect(await press('ArrowUp')).toEqual([1, false]);
    expect(await press('ArrowUp')).toEqual([1, false]);
    expect(await press('End')).toEqual([100, true]);
    expect(document.getElementById('packet-row-100')).toHaveAttribute('aria-selected', 'true');
    expect(await press('PageDown')).toEqual([100, false]);
    expect(await press('Home')).toEqual([1, false]);
    expect(screen.getByRole('grid').scrollTop).toBe(0);
    expect(onSelect).toHaveBeenCalledTimes(9);
  });

  it('starts from the newest row when ArrowUp is pressed with nothing selected', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(<Controlled rows={synthetic(100)} follow onSelect={onSelect} onFollowChange={() => {}} />);
    screen.getByRole('grid').focus();
    await user.keyboard('{ArrowUp}');
    expect(onSelect).toHaveBeenCalledWith(100);
  });

  it('stops following when the user scrolls up, not when the table scrolls itself', () => {
    const onFollowChange = vi.fn();
    const onReachTop = vi.fn();
    const onReachBottom = vi.fn();
    render(
      <PacketTable rows={synthetic(1_000)} selected={null} onSelect={() => {}} follow onFollowChange={onFollowChange}
                   onReachTop={onReachTop} onReachBottom={onReachBottom} />,
    );
    const grid = screen.getByRole('grid');
    const bottom = 1_001 * ROW_HEIGHT - 600;
    expect(grid.scrollTop).toBe(bottom);

    // The scroll event of the table's own move to the newest row.
    fireEvent.scroll(grid);
    expect(onFollowChange).not.toHaveBeenCalled();

    grid.scrollTop = 10_000;
    fireEvent.scroll(grid);
    expect(onFollowChange).toHaveBeenCalledExactlyOnceWith(false);
    expect(onReachBottom).not.toHaveBeenCalled();
    // The rows drawn follow the scroll position: row index 454 is at 10,000px.
    expect(frameNumbers()).toContain(455);
    expect(frameNumbers()).not.toContain(1_000);

    grid.scrollTop = bottom;
    fireEvent.scroll(grid);
    expect(onReachBottom).toHaveBeenCalledTimes(1);

    grid.scrollTop = 0;
    fireEvent.scroll(grid);
    expect(onReachTop).toHaveBeenCalledTimes(1);
    expect(frameNumbers()[0]).toBe(1);
  });

  it('stops following when the wheel turns up', () => {
    const onFollowChange = vi.fn();
    render(<PacketTable rows={synthetic(1_000)} selected={null} onSelect={() => {}} follow onFollowChange={onFollowChange} />);
    fireEvent.wheel(screen.getByRole('grid'), { deltaY: 100 });
    expect(onFollowChange).not.toHaveBeenCalled();
    fireEvent.wheel(screen.getByRole('grid'), { deltaY: -100 });
    expect(onFollowChange).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('opens a row\'s menu on a right click or the menu key, selecting the row', async () => {
    const onSelect = vi.fn();
    const onMenu = vi.fn();
    render(<PacketTable rows={packets} selected={4} onSelect={onSelect} follow={false} onFollowChange={() => {}} onMenu={onMenu} />);
    fireEvent.contextMenu(screen.getAllByRole('row')[6], { clientX: 30, clientY: 40 });
    expect(onSelect).toHaveBeenCalledExactlyOnceWith(6);
    expect(onMenu).toHaveBeenCalledExactlyOnceWith(packets[5], 30, 40);
    fireEvent.keyDown(screen.getByRole('grid'), { key: 'ContextMenu' });
    expect(onMenu).toHaveBeenLastCalledWith(packets[3], expect.any(Number), expect.any(Number));
  });
});
