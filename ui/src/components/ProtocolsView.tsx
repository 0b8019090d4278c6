import { api } from '../api';
import { formatBytes, formatCount, formatPercent } from '../format';
import type { ProtocolStats } from '../types';
import { usePolling } from '../usePolling';

const REFRESH_MS = 2000;

export interface ProtocolsViewProps {
  /** Loads the counts; the server's /api/stats/protocols unless a test gives its own. */
  load?: () => Promise<ProtocolStats>;
  refreshMs?: number;
}

/** Wireshark's Protocol Hierarchy and the busiest addresses, refreshed while shown. */
export function ProtocolsView({ load = api.protocolStats, refreshMs = REFRESH_MS }: ProtocolsViewProps) {
  const { data, error } = usePolling(load, refreshMs);
  // Indented from the shallowest entry, whether the server counts depth from 0 or from 1.
  const top = data?.protocols.reduce((least, entry) => Math.min(least, entry.depth), Infinity) ?? 0;
  return (
    <div className="stats-view">
      {error && <p className="error" role="alert">{error}</p>}
      {!data && !error && <p className="muted" role="status">Loading protocol counts…</p>}
      {data && (
        <>
          <table className="stats-table" aria-label="Protocol hierarchy">
            <thead>
              <tr><th scope="col">Protocol</th><th scope="col">% Packets</th><th scope="col">Packets</th><th scope="col">% Bytes</th><th scope="col">Bytes</th></tr>
            </thead>
            <tbody>
              {data.protocols.map((entry) => (
                <tr key={entry.path} title={entry.path}>
                  <th scope="row" style={{ paddingLeft: `${0.5 + (entry.depth - top) * 1.25}em` }}>{entry.protocol}</th>
                  <td>{formatPercent(entry.packets, data.packets)}</td>
                  <td>{formatCount(entry.packets)}</td>
                  <td>{formatPercent(entry.bytes, data.bytes)}</td>
                  <td>{formatBytes(entry.bytes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="stats-table" aria-label="Top talkers">
            <thead>
              <tr>
                <th scope="col">Address</th><th scope="col">Packets sent</th><th scope="col">Bytes sent</th>
                <th scope="col">Packets received</th><th scope="col">Bytes received</th><th scope="col">Flows</th>
              </tr>
            </thead>
            <tbody>
              {data.topTalkers.map((talker) => (
                <tr key={talker.address}>
                  <th scope="row">{talker.address}</th>
                  <td>{formatCount(talker.packetsSent)}</td>
                  <td>{formatBytes(talker.bytesSent)}</td>
                  <td>{formatCount(talker.packetsReceived)}</td>
                  <td>{formatBytes(talker.bytesReceived)}</td>
                  <td>{formatCount(talker.flows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.packets === 0 && <p className="muted">No packets counted yet. Start a capture or replay a file.</p>}
        </>
      )}
    </div>
  );
}
