import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import fixture from '../test/fixtures/alerts.json';
import type { Alert } from '../types';
import { AlertsPanel } from './AlertsPanel';

/** A rate spike (mean, stddev, z) and a port scan (a count against a threshold, hosts and ports). */
const [spike, scan] = fixture as Alert[];

const panel = (props: Partial<Parameters<typeof AlertsPanel>[0]> = {}) => {
  const onSelect = vi.fn();
  const onExplain = vi.fn();
  render(<AlertsPanel alerts={[spike, scan]} activeAlert={null} onSelect={onSelect} onExplain={onExplain} {...props} />);
  return { onSelect, onExplain };
};
const item = (name: string) => screen.getByRole('listitem', { name });
const details = (entry: HTMLElement) =>
  [...entry.querySelectorAll('dl > div')].map((pair) => [pair.querySelector('dt')!.textContent, pair.querySelector('dd')!.textContent]);

describe('AlertsPanel', () => {
  it('lists the newest alert first, with detector, message and severity', () => {
    panel();
    const entries = screen.getAllByRole('listitem');
    expect(entries.map((entry) => entry.getAttribute('aria-label'))).toEqual(['critical alert port-scan', 'warning alert rate-spike']);
    expect(entries[0]).toHaveClass('severity-critical');
    expect(entries[0]).toHaveTextContent('10.0.0.66 tried 40 ports on 10.0.0.2 in 10 s');
    expect(screen.getByRole('heading', { name: 'Alerts 2' })).toBeInTheDocument();
  });

  it('opens an alert to the numbers behind it: observed, mean ± stddev, z against the threshold, window', async () => {
    const user = userEvent.setup();
    panel();
    const entry = item('warning alert rate-spike');
    const summary = within(entry).getByRole('button', { expanded: false });
    expect(entry.querySelector('dl')).toBeNull();

    await user.click(summary);
    expect(summary).toHaveAttribute('aria-expanded', 'true');
    expect(details(entry)).toEqual([
      ['Observed', '950'],
      ['Mean ± stddev', '100.2 ± 9.8'],
      ['z vs threshold', '86.7 vs 3'],
      ['Window', '60 s'],
      ['Hosts', '10.0.0.9'],
    ]);

    await user.click(summary);
    expect(entry.querySelector('dl')).toBeNull();
  });

  it('shows a threshold without a z-score, the detector\'s own figures, hosts and ports', async () => {
    const user = userEvent.setup();
    panel();
    const entry = item('critical alert port-scan');
    await user.click(within(entry).getByRole('button', { expanded: false }));
    expect(details(entry)).toEqual([
      ['Observed', '40'],
      ['Threshold', '20'],
      ['Window', '10 s'],
      ['distinctPorts', '40'],
      ['Hosts', '10.0.0.66, 10.0.0.2'],
      ['Ports', '22, 80'],
    ]);
  });

  it('links each alert to the server\'s pcapng of its packets', () => {
    panel();
    const link = within(item('warning alert rate-spike')).getByRole('link', { name: 'Download pcapng' });
    expect(link).toHaveAttribute('href', '/api/alerts/3/pcapng');
    expect(link).toHaveAttribute('download', 'tapdeck-alert-3.pcapng');
    expect(within(item('critical alert port-scan')).getByRole('link', { name: 'Download pcapng' }))
      .toHaveAttribute('href', '/api/alerts/4/pcapng');
  });

  it('shows an alert\'s packets and explains it', async () => {
    const user = userEvent.setup();
    const { onSelect, onExplain } = panel({ activeAlert: 4 });
    expect(item('critical alert port-scan')).toHaveClass('active');
    expect(item('warning alert rate-spike')).not.toHaveClass('active');

    await user.click(within(item('warning alert rate-spike')).getByRole('button', { name: 'Show packets (4)' }));
    expect(onSelect).toHaveBeenCalledExactlyOnceWith(spike);
    await user.click(within(item('critical alert port-scan')).getByRole('button', { name: 'Explain' }));
    expect(onExplain).toHaveBeenCalledExactlyOnceWith(scan);
  });

  it('says why the server\'s list could not be fetched', () => {
    panel({ alerts: [], error: 'not found: no such endpoint: GET /api/alerts' });
    expect(screen.getByRole('alert')).toHaveTextContent('not found: no such endpoint: GET /api/alerts');
    expect(screen.getByText(/^No alerts\./)).toBeInTheDocument();
  });
});
