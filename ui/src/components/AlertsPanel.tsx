import { useState } from 'react';
import { alertPcapngUrl } from '../api';
import { formatNumber } from '../format';
import type { Alert, AlertNumbers } from '../types';

export interface AlertsPanelProps {
  alerts: readonly Alert[];
  /** Why the server's list of alerts could not be fetched, if it could not. */
  error?: string | null;
  activeAlert: number | null;
  onSelect: (alert: Alert) => void;
  onExplain: (alert: Alert) => void;
}

/** The detectors' alerts, newest first; each opens to the numbers behind it. */
export function AlertsPanel({ alerts, error, activeAlert, onSelect, onExplain }: AlertsPanelProps) {
  return (
    <section className="panel alerts-panel" aria-label="Alerts">
      <header><h2>Alerts <span className="count">{alerts.length}</span></h2></header>
      {error && <p className="error" role="alert">{error}</p>}
      {alerts.length === 0 ? (
        <p className="muted">No alerts. Rate spikes, scans, SYN floods and odd DNS show up here.</p>
      ) : (
        <ul>
          {[...alerts].reverse().map((alert) => (
            <AlertItem key={alert.id} alert={alert} active={alert.id === activeAlert} onSelect={onSelect} onExplain={onExplain} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AlertItem({ alert, active, onSelect, onExplain }: {
  alert: Alert;
  active: boolean;
  onSelect: (alert: Alert) => void;
  onExplain: (alert: Alert) => void;
}) {
  const [open, setOpen] = useState(false);
  const detailsId = `alert-details-${alert.id}`;
  return (
    <li className={`alert severity-${alert.severity}${active ? ' active' : ''}`} aria-label={`${alert.severity} alert ${alert.detector}`}>
      <button type="button" className="alert-summary" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
        <span className="alert-detector">{alert.detector}</span>
        <span className="alert-time">{new Date(alert.time).toLocaleTimeString('en-GB', { hour12: false })}</span>
        <span className="alert-message">{alert.message}</span>
      </button>
      {open && <AlertDetails id={detailsId} alert={alert} />}
      <div className="alert-actions">
        <button type="button" className="link" onClick={() => onSelect(alert)}
                title="Show its packets in the packet list: a display filter on the host, ports and frames of the alert">
          Show packets ({alert.packets.length})
        </button>
        <button type="button" className="link" onClick={() => onExplain(alert)}>Explain</button>
        <a className="link" href={alertPcapngUrl(alert.id)} download={`tapdeck-alert-${alert.id}.pcapng`}
           title="The packets from 5 s before to 5 s after the alert">
          Download pcapng
        </a>
      </div>
    </li>
  );
}

/** The figures a detector weighed, named as a reader would say them. */
const NAMED = new Set(['observed', 'mean', 'stddev', 'z', 'threshold', 'window']);

function AlertDetails({ id, alert }: { id: string; alert: Alert }) {
  const entries = describeNumbers(alert.numbers);
  if (alert.hosts.length) entries.push(['Hosts', alert.hosts.join(', ')]);
  if (alert.ports.length) entries.push(['Ports', alert.ports.join(', ')]);
  return (
    <dl id={id} className="alert-details">
      {entries.map(([name, value]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function describeNumbers(numbers: AlertNumbers): [string, string][] {
  const { observed, mean, stddev, z, threshold, window } = numbers;
  const entries: [string, string][] = [];
  if (observed !== undefined) entries.push(['Observed', formatNumber(observed)]);
  if (mean !== undefined) entries.push(['Mean ± stddev', `${formatNumber(mean)} ± ${formatNumber(stddev ?? 0)}`]);
  if (z !== undefined) entries.push(['z vs threshold', `${formatNumber(z)} vs ${threshold === undefined ? '—' : formatNumber(threshold)}`]);
  else if (threshold !== undefined) entries.push(['Threshold', formatNumber(threshold)]);
  if (window !== undefined) entries.push(['Window', `${formatNumber(window)} s`]);
  for (const [name, value] of Object.entries(numbers)) {
    if (!NAMED.has(name) && value !== undefined) entries.push([name, formatNumber(value)]);
  }
  return entries;
}

/** The newest alert, shown over the page for a few seconds when it arrives. */
export function AlertToast({ alert, onOpen, onDismiss }: { alert: Alert; onOpen: () => void; onDismiss: () => void }) {
  return (
    <div className={`toast severity-${alert.severity}`} role="alert">
      <button type="button" className="toast-body" onClick={onOpen}>
        <strong>{alert.detector}</strong> {alert.message}
      </button>
      <button type="button" className="link" aria-label="Dismiss" onClick={onDismiss}>✕</button>
    </div>
  );
}
