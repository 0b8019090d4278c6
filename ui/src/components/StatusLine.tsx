import { formatBytesPerSecond, formatCount, formatPacketTime } from '../format';
import type { ConnectionState } from '../stream';
import type { Status } from '../types';

/** What is running, how fast, what was lost, and whether this page is connected. */
export function StatusLine({ status, connection }: { status: Status | null; connection: ConnectionState }) {
  const source = status?.source === 'replay' || (!status?.capture.running && status?.replay.packets) ? status?.replay : status?.capture;
  const drops = source ? source.kernelDrops + source.ringDrops : 0;
  const state = !status ? 'unknown'
    : status.source === 'capture' ? `capturing on ${status.capture.interface}`
    : status.source === 'replay' ? (status.replay.paused ? 'replay paused' : `replaying ${status.replay.interface?.replace(/^replay:/, '') ?? ''}`)
    : 'stopped';
  return (
    <div className="status-line" role="status" aria-live="off">
      <Connection state={connection} />
      <span className={`state ${status?.source ? 'running' : 'stopped'}`} data-testid="run-state">{state}</span>
      <span>Packets <b data-testid="status-packets">{formatCount(source?.packets ?? 0)}</b></span>
      <span><b>{formatCount(Math.round(source?.packetsPerSecond ?? 0))}</b> pkt/s</span>
      <span><b>{formatBytesPerSecond(source?.bytesPerSecond ?? 0)}</b></span>
      <span className={drops ? 'warn' : undefined} title={source ? `kernel ${source.kernelDrops}, ring ${source.ringDrops}` : undefined}>
        Drops <b>{formatCount(drops)}</b>
      </span>
      <span>Last packet <b>{formatPacketTime(source?.lastPacketTime ?? null)}</b></span>
      {source?.error && <span className="error">{source.error}</span>}
    </div>
  );
}

function Connection({ state }: { state: ConnectionState }) {
  const [label, kind] = state.kind === 'open' ? ['Live', 'open']
    : state.kind === 'connecting' ? ['Connecting…', 'connecting']
    : [`Reconnecting (${state.reason})…`, 'waiting'];
  return <span className={`connection ${kind}`} data-testid="connection" data-state={kind}>{label}</span>;
}
