import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import fixture from '../test/fixtures/flows-dpkt-http.json';
import type { Flow, FlowPage, FlowSort } from '../types';
import { FlowsView, MAX_FLOWS } from './FlowsView';

/** The three flows of dpkt-http.pcap, largest first: the download, a second HTTP connection, a DNS lookup. */
const page = fixture as FlowPage;

const ORDER: Record<FlowSort, (a: Flow, b: Flow) => number> = {
  bytes: (a, b) => b.bytes - a.bytes,
  packets: (a, b) => b.packets - a.packets,
  last: (a, b) => b.lastSeen - a.lastSeen,
};
/** A server that sorts as GET /api/flows does. */
const server = (answer: FlowPage = page) =>
  vi.fn(async (sort: FlowSort, offset: number, limit: number): Promise<FlowPage> => ({
    ...answer,
    flows: [...answer.flows].sort(ORDER[sort]).slice(offset, offset + limit),
  }));

const grid = () => screen.getByRole('grid', { name: 'Flows' });
const header = (name: RegExp) => within(grid()).getByRole('columnheader', { name });
const dataRows = () => within(grid()).getAllByRole('row').slice(1);
const column = (index: number) => dataRows().map((row) => within(row).getAllByRole('gridcell')[index].textContent);

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('FlowsView', () => {
  it('renders one row per flow, largest first, with both directions counted', async () => {
    const load = server();
    render(<FlowsView onSelect={() => {}} load={load} />);
    await screen.findByRole('grid', { name: 'Flows' });
    expect(load).toHaveBeenCalledExactlyOnceWith('bytes', 0, MAX_FLOWS);
    expect(within(grid()).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
      'Protocol', 'Initiator', 'Responder', 'Packets → / ←', 'Bytes → / ←', 'Duration', 'State', 'Last seen', 'Process',
    ]);
    const cells = within(dataRows()[0]).getAllByRole('gridcell').map((cell) => cell.textContent);
    expect(cells.slice(0, 7)).toEqual([
      'TCP', '145.254.160.237:3372', '65.208.228.223:80', '16 / 18', '1.4 kB / 19.3 kB', '30.4 s', 'CLOSED',
    ]);
    // 10:17:37.704 UTC, in the viewer's zone.
    expect(cells[7]).toMatch(/^2004-05-1[34] \d\d:\d\d:37\.704$/);
    expect(column(1)).toEqual(['145.254.160.237:3372', '145.254.160.237:3371', '145.254.160.237:3009']);
    expect(column(6)).toEqual(['CLOSED', 'ESTABLISHED', '—']);
    expect(header(/^Bytes/)).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByTestId('flow-count')).toHaveTextContent('3 flows · 3 started · 0 expired · 0 untracked');
  });

  it('names the VLAN of a tagged flow only', async () => {
    const tagged: FlowPage = { ...page, flows: [{ ...page.flows[0], vlan: 10 }, { ...page.flows[1], vlan: 0 }, page.flows[2]] };
    render(<FlowsView onSelect={() => {}} load={async () => tagged} />);
    await screen.findByRole('grid', { name: 'Flows' });
    expect(column(0)).toEqual(['TCP · VLAN 10', 'TCP', 'UDP']);
  });

  it('sorts by a column the server does not order, in the browser, both ways', async () => {
    const user = userEvent.setup();
    const load = server();
    render(<FlowsView onSelect={() => {}} load={load} />);
    await screen.findByRole('grid', { name: 'Flows' });

    await user.click(within(header(/^Responder/)).getByRole('button'));
    expect(header(/^Responder/)).toHaveAttribute('aria-sort', 'ascending');
    expect(header(/^Bytes/)).toHaveAttribute('aria-sort', 'none');
    expect(column(2)).toEqual(['65.208.228.223:80', '145.253.2.203:53', '216.239.59.99:80']);

    await user.click(within(header(/^Responder/)).getByRole('button'));
    expect(header(/^Responder/)).toHaveAttribute('aria-sort', 'descending');
    expect(column(2)).toEqual(['216.239.59.99:80', '145.253.2.203:53', '65.208.228.223:80']);

    // Durations read best longest first.
    await user.click(within(header(/^Duration/)).getByRole('button'));
    expect(header(/^Duration/)).toHaveAttribute('aria-sort', 'descending');
    expect(column(5)).toEqual(['30.4 s', '1.79 s', '361 ms']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('asks the server for its order by packets or last seen', async () => {
    const user = userEvent.setup();
    const load = server();
    render(<FlowsView onSelect={() => {}} load={load} />);
    await screen.findByRole('grid', { name: 'Flows' });

    await user.click(within(header(/^Last seen/)).getByRole('button'));
    expect(load).toHaveBeenLastCalledWith('last', 0, MAX_FLOWS);
    expect(header(/^Last seen/)).toHaveAttribute('aria-sort', 'descending');
    await vi.waitFor(() => expect(column(1)).toEqual(['145.254.160.237:3372', '145.254.160.237:3371', '145.254.160.237:3009']));

    await user.click(within(header(/^Packets/)).getByRole('button'));
    expect(load).toHaveBeenLastCalledWith('packets', 0, MAX_FLOWS);
    expect(header(/^Packets/)).toHaveAttribute('aria-sort', 'descending');
  });

  it('shows a flow\'s packets when it is clicked, or chosen from the keyboard', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    render(<FlowsView onSelect={onSelect} load={server()} />);
    await screen.findByRole('grid', { name: 'Flows' });
    await user.click(within(dataRows()[2]).getByText('145.253.2.203:53'));
    expect(onSelect).toHaveBeenCalledExactlyOnceWith(page.flows[2]);

    dataRows()[0].focus();
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith(page.flows[0]);
  });

  it('names a flow\'s program, and shows that program\'s packets when it is clicked, not the flow\'s', async () => {
    const curl = { pid: 4242, name: 'curl', cmdline: 'curl http://65.208.228.223/', user: 'root' };
    const attributed: FlowPage = { ...page, flows: [{ ...page.flows[0], process: curl }, page.flows[1], page.flows[2]] };
    const onSelect = vi.fn();
    const onProgram = vi.fn();
    render(<FlowsView onSelect={onSelect} onProgram={onProgram} load={async () => attributed} />);
    await screen.findByRole('grid', { name: 'Flows' });
    expect(column(8)).toEqual(['curl (4242)', '—', '—']);
    const button = within(dataRows()[0]).getByRole('button', { name: 'curl (4242)' });
    expect(button).toHaveAttribute('title', 'Show the packets of curl: curl http://65.208.228.223/');
    await userEvent.click(button);
    expect(onProgram).toHaveBeenCalledExactlyOnceWith('curl');
    expect(onSelect).not.toHaveBeenCalled();
  });

  it('draws at most 500 flows and says how many there are', async () => {
    const many: FlowPage = {
      total: 1234, started: 2000, expired: 766, untracked: 5,
      flows: Array.from({ length: 600 }, (_, index) => ({ ...page.flows[0], id: index + 1, bytes: 10_000 - index })),
    };
    render(<FlowsView onSelect={() => {}} load={async () => many} />);
    await screen.findByRole('grid', { name: 'Flows' });
    expect(dataRows()).toHaveLength(MAX_FLOWS);
    expect(screen.getByTestId('flow-count'))
      .toHaveTextContent('Showing 500 of 1,234 flows, the most bytes · 2,000 started · 766 expired · 5 untracked');
  });

  it('refreshes every 2 s while shown, and stops when it is gone', async () => {
    vi.useFakeTimers();
    const load = server();
    const { unmount } = render(<FlowsView onSelect={() => {}} load={load} />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(load).toHaveBeenCalledTimes(1);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(load).toHaveBeenCalledTimes(2);
    await act(() => vi.advanceTimersByTimeAsync(4000));
    expect(load).toHaveBeenCalledTimes(4);
    unmount();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('keeps the flows shown when a refresh fails, and says why', async () => {
    vi.useFakeTimers();
    const load = server();
    render(<FlowsView onSelect={() => {}} load={load} />);
    await act(() => vi.advanceTimersByTimeAsync(0));
    load.mockRejectedValueOnce(new ApiError(0, 'unreachable', 'The Tapdeck server cannot be reached; is it still running?'));
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByRole('alert')).toHaveTextContent('unreachable: The Tapdeck server cannot be reached; is it still running?');
    expect(dataRows()).toHaveLength(3);
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the server\'s error when GET /api/flows does not answer, never a blank view', async () => {
    const fetch = vi.fn(async () => new Response(
      JSON.stringify({ error: 'not found', detail: 'no such endpoint: GET /api/flows (GET /api/openapi.json lists them)' }),
      { status: 404, headers: { 'Content-Type': 'application/json' } },
    ));
    vi.stubGlobal('fetch', fetch);
    render(<FlowsView onSelect={() => {}} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('not found: no such endpoint: GET /api/flows');
    expect(fetch).toHaveBeenCalledWith('/api/flows?sort=bytes&offset=0&limit=500', expect.objectContaining({ method: 'GET' }));
    expect(screen.queryByRole('grid')).toBeNull();
  });

  it('follows a TCP or UDP flow\'s stream without showing its packets', async () => {
    const user = userEvent.setup();
    const onSelect = vi.fn();
    const onFollow = vi.fn();
    render(<FlowsView onSelect={onSelect} onFollow={onFollow} load={server()} />);
    await screen.findByRole('grid', { name: 'Flows' });
    const buttons = within(grid()).getAllByRole('button', { name: 'Follow' });
    expect(buttons).toHaveLength(page.flows.length);
    await user.click(buttons[2]);
    expect(onFollow).toHaveBeenCalledExactlyOnceWith(expect.objectContaining({ protocol: 'UDP', responderPort: 53 }));
    expect(onSelect).not.toHaveBeenCalled();
  });
});
