import { api } from '../api';
import { formatBytes, formatBytesPerSecond, formatCount } from '../format';
import type { ProcessPage } from '../types';
import { usePolling } from '../usePolling';

const REFRESH_MS = 2000;

export interface ProcessesViewProps {
  /** A program was picked: show its packets (the display filter proc.name == "NAME"). */
  onProgram: (name: string) => void;
  /** Loads the programs; the server's /api/processes unless a test gives its own. */
  load?: () => Promise<ProcessPage>;
  refreshMs?: number;
}

/**
 * Traffic per program, as Sniffnet shows it: each program with its flows, packets, bytes and
 * rate, a bar for its share of the bytes, most bytes first; a click on one shows its packets.
 */
export function ProcessesView({ onProgram, load = api.processes, refreshMs = REFRESH_MS }: ProcessesViewProps) {
  const { data, error } = usePolling(load, refreshMs);
  const most = data?.processes.reduce((largest, entry) => Math.max(largest, entry.bytes), 0) ?? 0;
  return (
    <div className="stats-view">
      {error && <p className="error" role="alert">{error}</p>}
      {!data && !error && <p className="muted" role="status">Loading programs…</p>}
      {data && (
        <>
          <p className="muted" data-testid="attribution-count">
            {`${formatCount(data.attributedFlows)} flows attributed · ${formatCount(data.unattributedFlows)} unattributed`}
          </p>
          <table className="stats-table" aria-label="Programs">
            <thead>
              <tr>
                <th scope="col">Program</th><th scope="col">PID</th><th scope="col">User</th><th scope="col">Flows</th>
                <th scope="col">Packets</th><th scope="col">Bytes</th><th scope="col">Rate</th>
              </tr>
            </thead>
            <tbody>
              {data.processes.map((entry) => {
                const name = entry.process.name ?? '';
                return (
                  <tr key={`${entry.process.pid} ${name}`}>
                    <th scope="row" title={entry.process.cmdline ?? name}>
                      {name
                        ? <button type="button" className="link" title={`Show the packets of ${name}`} onClick={() => onProgram(name)}>{name}</button>
                        : '—'}
                    </th>
                    <td>{entry.process.pid}</td>
                    <td>{entry.process.user ?? '—'}</td>
                    <td>{formatCount(entry.flows)}</td>
                    <td>{formatCount(entry.packets)}</td>
                    <td>
                      <span className="share-bar" style={{ width: `${most ? (100 * entry.bytes) / most : 0}%` }} />
                      {formatBytes(entry.bytes)}
                    </td>
                    <td>{formatBytesPerSecond(entry.bytesPerSecond)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data.processes.length === 0 && (
            <p className="muted">
              No programs known yet. A live capture's flows are attributed to their programs; a recording shows the
              programs its packets' comments name.
            </p>
          )}
        </>
      )}
    </div>
  );
}
