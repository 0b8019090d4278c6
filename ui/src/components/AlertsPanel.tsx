import type { Alert } from '../types';

export interface AlertsPanelProps {
  alerts: readonly Alert[];
  activeAlert: string | null;
  onSelect: (alert: Alert) => void;
  onExplain: (alert: Alert) => void;
}

/** The detectors' alerts, newest first; picking one filters the table to its packets. */
export function AlertsPanel({ alerts, activeAlert, onSelect, onExplain }: AlertsPanelProps) {
  return (
    <section className="panel alerts-panel" aria-label="Alerts">
      <header><h2>Alerts <span className="count">{alerts.length}</span></h2></header>
      {alerts.length === 0 ? (
        <p className="muted">No alerts. Rate spikes, scans, SYN floods and odd DNS show up here.</p>
      ) : (
        <ul>
          {[...alerts].reverse().map((alert) => (
            <li key={alert.id} className={`alert severity-${alert.severity}${alert.id === activeAlert ? ' active' : ''}`}>
              <button type="button" className="alert-summary" onClick={() => onSelect(alert)}
                      title={`Show the ${alert.packets.length} packets behind this alert`}>
                <span className="alert-detector">{alert.detector}</span>
                <span className="alert-time">{new Date(alert.time).toLocaleTimeString('en-GB', { hour12: false })}</span>
                <span className="alert-message">{alert.message}</span>
              </button>
              <button type="button" className="link" onClick={() => onExplain(alert)}>Explain</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
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
