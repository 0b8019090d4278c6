import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import fixture from '../test/fixtures/protocol-stats-dpkt-http.json';
import type { ProtocolStats } from '../types';
import { ProtocolsView } from './ProtocolsView';

/** dpkt-http.pcap counted: 43 packets, 25,091 bytes; TCP with HTTP under it, and two DNS packets. */
const stats = fixture as ProtocolStats;

const table = (name: string) => screen.getByRole('table', { name });
const bodyRows = (name: string) => within(table(name)).getAllByRole('row').slice(1);
const texts = (row: HTMLElement) => [...row.children].map((cell) => cell.textContent);

afterEach(() => vi.unstubAllGlobals());

describe('ProtocolsView', () => {
  it('shows the hierarchy depth first, indented, with shares of packets and bytes', async () => {
    render(<ProtocolsView load={async () => stats} />);
    await screen.findByRole('table', { name: 'Protocol hierarchy' });
    expect(within(table('Protocol hierarchy')).getAllByRole('columnheader').map((cell) => cell.textContent))
      .toEqual(['Protocol', '% Packets', 'Packets', '% Bytes', 'Bytes']);
    const rows = bodyRows('Protocol hierarchy');
    expect(rows.map(texts)).toEqual([
      ['eth', '100.0%', '43', '100.0%', '25.1 kB'],
      ['ethertype', '100.0%', '43', '100.0%', '25.1 kB'],
      ['ip', '100.0%', '43', '100.0%', '25.1 kB'],
      ['tcp', '95.3%', '41', '98.9%', '24.8 kB'],
      ['http', '44.2%', '19', '94.1%', '23.6 kB'],
      ['data-text-lines', '7.0%', '3', '17.5%', '4.4 kB'],
      ['xml', '2.3%', '1', '5.7%', '1.4 kB'],
      ['data', '32.6%', '14', '71.3%', '17.9 kB'],
      ['udp', '4.7%', '2', '1.1%', '277 B'],
      ['dns', '4.7%', '2', '1.1%', '277 B'],
    ]);
    const indents = rows.map((row) => (row.firstElementChild as HTMLElement).style.paddingLeft);
    expect(indents).toEqual(['0.5em', '1.75em', '3em', '4.25em', '5.5em', '6.75em', '8em', '6.75em', '4.25em', '5.5em']);
    expect(rows[9]).toHaveAttribute('title', 'eth:ethertype:ip:udp:dns');
  });

  it('indents from the shallowest protocol, however the server counts depth', async () => {
    const fromOne = { ...stats, protocols: stats.protocols.map((entry) => ({ ...entry, depth: entry.depth + 1 })) };
    render(<ProtocolsView load={async () => fromOne} />);
    await screen.findByRole('table', { name: 'Protocol hierarchy' });
    const indents = bodyRows('Protocol hierarchy').map((row) => (row.firstElementChild as HTMLElement).style.paddingLeft);
    expect(indents.slice(0, 4)).toEqual(['0.5em', '1.75em', '3em', '4.25em']);
  });

  it('lists the top talkers with what each sent and received', async () => {
    render(<ProtocolsView load={async () => stats} />);
    await screen.findByRole('table', { name: 'Top talkers' });
    expect(bodyRows('Top talkers').map(texts)).toEqual([
      ['145.254.160.237', '20', '2.3 kB', '23', '22.8 kB', '3'],
      ['65.208.228.223', '18', '19.3 kB', '16', '1.4 kB', '1'],
      ['216.239.59.99', '4', '3.2 kB', '3', '883 B', '1'],
      ['145.253.2.203', '1', '188 B', '1', '89 B', '1'],
    ]);
  });

  it('shows the server\'s error when GET /api/stats/protocols does not answer', async () => {
    const fetch = vi.fn(async () => new Response(
      JSON.stringify({ error: 'not found', detail: 'no such endpoint: GET /api/stats/protocols' }), { status: 404 },
    ));
    vi.stubGlobal('fetch', fetch);
    render(<ProtocolsView />);
    expect(await screen.findByRole('alert')).toHaveTextContent('not found: no such endpoint: GET /api/stats/protocols');
    expect(fetch).toHaveBeenCalledWith('/api/stats/protocols', expect.objectContaining({ method: 'GET' }));
    expect(screen.queryByRole('table')).toBeNull();
  });
});
