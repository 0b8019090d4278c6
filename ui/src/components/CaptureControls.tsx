import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import type { CaptureInterface, CaptureSettings, PreflightCheck, Status } from '../types';

export interface CaptureControlsProps {
  interfaces: CaptureInterface[];
  settings: CaptureSettings | null;
  status: Status | null;
  checks: PreflightCheck[];
  onApply: (settings: Partial<CaptureSettings>) => Promise<void>;
  onStart: () => Promise<void>;
  onStop: () => Promise<void>;
}

/**
 * Interface, capture filter and Start/Stop. A filter libpcap refuses is shown with
 * libpcap's own words beside the input, and the capture keeps the filter it had.
 */
export function CaptureControls({ interfaces, settings, status, checks, onApply, onStart, onStop }: CaptureControlsProps) {
  const [filter, setFilter] = useState(settings?.filter ?? '');
  const [filterError, setFilterError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const appliedFilter = settings?.filter ?? '';
  useEffect(() => setFilter(appliedFilter), [appliedFilter]);

  const running = status?.capture.running ?? false;
  const blocked = checks.filter((check) => !check.ok);

  const act = async (action: () => Promise<void>, onError: (message: string) => void) => {
    setBusy(true);
    try {
      await action();
      onError('');
    } catch (problem) {
      onError(problem instanceof ApiError ? problem.detail || problem.error : String(problem));
    } finally {
      setBusy(false);
    }
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    void act(() => onApply({ filter }), (message) => setFilterError(message || null));
  };

  return (
    <div className="capture-controls">
      <label className="field">
        <span>Interface</span>
        <select
          aria-label="Interface"
          value={settings?.interface ?? ''}
          disabled={busy || running}
          onChange={(event) => void act(() => onApply({ interface: event.target.value }), (message) => setActionError(message || null))}
        >
          {interfaces.map((device) => (
            <option key={device.name} value={device.name}>
              {device.name}
              {device.addresses.length ? ` — ${device.addresses.map((address) => address.address).join(', ')}` : device.description ? ` — ${device.description}` : ''}
              {device.up ? '' : ' (down)'}
            </option>
          ))}
        </select>
      </label>
      <form className="field filter-form" onSubmit={apply}>
        <span>Capture filter</span>
        <input
          aria-label="Capture filter"
          aria-invalid={filterError !== null}
          aria-describedby={filterError ? 'filter-error' : undefined}
          className={filterError ? 'invalid' : undefined}
          placeholder="BPF, e.g. tcp port 443"
          spellCheck={false}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <button type="submit" disabled={busy || filter === appliedFilter && !filterError}>Apply</button>
        {filterError && (
          <span id="filter-error" className="error inline" role="alert">
            {filterError} — still capturing with {appliedFilter ? `“${appliedFilter}”` : 'no filter'}
          </span>
        )}
      </form>
      {running ? (
        <button type="button" className="stop" disabled={busy} onClick={() => void act(onStop, (message) => setActionError(message || null))}>
          Stop
        </button>
      ) : (
        <button type="button" className="start" disabled={busy || blocked.length > 0}
                onClick={() => void act(onStart, (message) => setActionError(message || null))}>
          Start
        </button>
      )}
      {actionError && <span className="error inline" role="alert">{actionError}</span>}
      {blocked.length > 0 && (
        <div className="advice" role="note" aria-label="Why live capture is unavailable">
          <strong>Live capture is unavailable here</strong> (replaying and opening files still work):
          <ul>
            {blocked.map((check) => (
              <li key={check.name}>{check.name}: {check.result}{check.fix ? <> — <em>{check.fix}</em></> : null}</li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
