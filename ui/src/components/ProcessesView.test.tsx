import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ProcessPage } from '../types';
import { ProcessesView } from './ProcessesView';

/** Three curl runs and a Python client against a local server, as GET /api/processes answered in ServerProcessesTest. */
const page: ProcessPage = {
  attributedFlows: 4,
  unattributedFlows: 1,
  processes: [
    { process: { pid: 301, name: 'python3', cmdline: 'python3 -c import urllib', user: 'root' }, flows: 1, packets: 10, bytes: 2000,
      bytesPerSecond: 6000, firstSeen: 1, lastSeen: 1.3 },
    { process: { pid: 200, name: 'curl', cmdline: 'curl -s http://127.0.0.1:8000/', user: 'root' }, flows: 1, packets: 10, bytes: 1000,
      bytesPerSecond: 3000, firstSeen: 0, lastSeen: 0.3 },
    { process: { pid: 7 }, flows: 2, packets: 2, bytes: 100, bytesPerSecond: 0, firstSeen: 2, lastSeen: 2 },
  ],
};

const rows = () => within(screen.getByRole('table', { name: 'Programs' })).getAllByRole('row').slice(1);
const texts = (row: HTMLElement) => [...row.children].map((cell) => cell.textContent);

describe('ProcessesView', () => {
  it('lists each program with its flows, packets, bytes and rate, most bytes first, and counts the attribution', async () => {
    render(<ProcessesView onProgram={() => {}} load={async () => page} />);
    await screen.findByRole('table', { name: 'Programs' });
    expect(rows().map(texts)).toEqual([
      ['python3', '301', 'root', '1', '10', '2.0 kB', '6.0 kB/s'],
      ['curl', '200', 'root', '1', '10', '1.0 kB', '3.0 kB/s'],
      ['—', '7', '—', '2', '2', '100 B', '0 B/s'],
    ]);
    const bars = rows().map((row) => (row.querySelector('.share-bar') as HTMLElement).style.width);
    expect(bars).toEqual(['100%', '50%', '5%']);
    expect(rows()[1].firstElementChild).toHaveAttribute('title', 'curl -s http://127.0.0.1:8000/');
    expect(screen.getByTestId('attribution-count')).toHaveTextContent('4 flows attributed · 1 unattributed');
  });

  it('shows a program\'s packets with one click', async () => {
    const onProgram = vi.fn();
    render(<ProcessesView onProgram={onProgram} load={async () => page} />);
    await userEvent.click(await screen.findByRole('button', { name: 'curl' }));
    expect(onProgram).toHaveBeenCalledExactlyOnceWith('curl');
  });

  it('says where programs come from while there are none', async () => {
    render(<ProcessesView onProgram={() => {}} load={async () => ({ attributedFlows: 0, unattributedFlows: 0, processes: [] })} />);
    expect(await screen.findByText(/live capture's flows are attributed/)).toBeInTheDocument();
  });
});
