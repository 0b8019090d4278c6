import type { KeyboardEvent } from 'react';

export type View = 'packets' | 'flows' | 'processes' | 'protocols';

const VIEWS: readonly { view: View; label: string }[] = [
  { view: 'packets', label: 'Packets' },
  { view: 'flows', label: 'Flows' },
  { view: 'processes', label: 'Processes' },
  { view: 'protocols', label: 'Protocols' },
];

export const tabId = (view: View) => `view-tab-${view}`;
export const panelId = (view: View) => `view-panel-${view}`;

/** The switch between the traffic views: ARIA tabs, the arrow keys moving between them. */
export function ViewTabs({ view, onChange }: { view: View; onChange: (view: View) => void }) {
  const onKeyDown = (event: KeyboardEvent) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const index = VIEWS.findIndex((entry) => entry.view === view);
    const next = VIEWS[(index + step + VIEWS.length) % VIEWS.length].view;
    onChange(next);
    document.getElementById(tabId(next))?.focus();
  };
  return (
    <div className="view-tabs" role="tablist" aria-label="Traffic views" onKeyDown={onKeyDown}>
      {VIEWS.map((entry) => (
        <button key={entry.view} id={tabId(entry.view)} type="button" role="tab"
                aria-selected={entry.view === view} aria-controls={panelId(entry.view)}
                tabIndex={entry.view === view ? 0 : -1} onClick={() => onChange(entry.view)}>
          {entry.label}
        </button>
      ))}
    </div>
  );
}
