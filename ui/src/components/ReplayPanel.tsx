import { useRef, useState } from 'react';
import { ApiError, DOWNLOAD_URL } from '../api';
import { formatCount } from '../format';
import type { CaptureFile, Status } from '../types';

export const SPEEDS: { label: string; value: number }[] = [
  { label: '0.1×', value: 0.1 },
  { label: '1× (recorded timing)', value: 1 },
  { label: '2×', value: 2 },
  { label: '10×', value: 10 },
  { label: '100×', value: 100 },
  { label: 'As fast as possible', value: 0 },
];

export interface ReplayPanelProps {
  files: CaptureFile[];
  status: Status | null;
  onUpload: (file: File) => Promise<CaptureFile>;
  onReplay: (file: string, speed: number, loop: boolean) => Promise<void>;
  onPause: () => Promise<void>;
  onResume: () => Promise<void>;
  onStop: () => Promise<void>;
}

/** Open a capture file, replay it through the same pipeline as live traffic, download what is held. */
export function ReplayPanel({ files, status, onUpload, onReplay, onPause, onResume, onStop }: ReplayPanelProps) {
  const [chosen, setChosen] = useState<string>('');
  const [speed, setSpeed] = useState(1);
  const [loop, setLoop] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const replaying = status?.replay.running ?? false;
  const paused = status?.replay.paused ?? false;
  const file = chosen || files[files.length - 1]?.id || '';

  const act = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (problem) {
      setError(problem instanceof ApiError ? problem.detail || problem.error : String(problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel replay-panel" aria-label="Replay">
      <header><h2>Files and replay</h2></header>
      <div className="row">
        <select aria-label="Capture file" value={file} onChange={(event) => setChosen(event.target.value)} disabled={!files.length}>
          {files.length === 0 && <option value="">No files yet</option>}
          {files.map((entry) => (
            <option key={entry.id} value={entry.id}>{entry.name} ({formatCount(entry.packets)} packets)</option>
          ))}
        </select>
        <button type="button" onClick={() => input.current?.click()} disabled={busy}>Open…</button>
        <input
          ref={input}
          type="file"
          aria-label="Upload capture file"
          accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
          hidden
          onChange={(event) => {
            const picked = event.target.files?.[0];
            event.target.value = '';
            if (picked) void act(async () => setChosen((await onUpload(picked)).id));
          }}
        />
      </div>
      <div className="row">
        <select aria-label="Replay speed" value={speed} onChange={(event) => setSpeed(Number(event.target.value))}>
          {SPEEDS.map((entry) => <option key={entry.value} value={entry.value}>{entry.label}</option>)}
        </select>
        <label className="check"><input type="checkbox" checked={loop} onChange={(event) => setLoop(event.target.checked)} /> Loop</label>
      </div>
      <div className="row">
        <button type="button" disabled={busy || !file} onClick={() => void act(() => onReplay(file, speed, loop))}>Replay</button>
        {replaying && !paused && <button type="button" disabled={busy} onClick={() => void act(onPause)}>Pause</button>}
        {replaying && paused && <button type="button" disabled={busy} onClick={() => void act(onResume)}>Resume</button>}
        {replaying && <button type="button" disabled={busy} onClick={() => void act(onStop)}>Stop replay</button>}
        <a className="button" href={DOWNLOAD_URL} download>Download pcapng</a>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
    </section>
  );
}
