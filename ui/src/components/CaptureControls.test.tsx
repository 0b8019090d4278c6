import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import capturedInterfaces from '../test/fixtures/interfaces.json';
import capturedStatus from '../test/fixtures/status.json';
import type { CaptureInterface, CaptureSettings, PreflightCheck, Status } from '../types';
import { CaptureControls, type CaptureControlsProps } from './CaptureControls';

/** What a server on a test machine answered: eth0, any, lo and a down ifb0; a replay finished. */
const interfaces = capturedInterfaces as CaptureInterface[];
const status = capturedStatus as Status;
const checks = status.checks!;
const running: Status = { ...status, source: 'capture', capture: { ...status.capture, running: true, interface: 'eth0' } };

const BAD_FILTER = new ApiError(400, 'bad capture filter',
  'bad capture filter "tcp port": can\'t parse filter expression: syntax error');

/** The controls under a parent that keeps the applied settings, as the App does with the server's answer. */
function Controlled({ apply, initial, ...rest }: Partial<CaptureControlsProps> & {
  apply: (change: Partial<CaptureSettings>) => Promise<void>;
  initial: CaptureSettings;
}) {
  const [settings, setSettings] = useState(initial);
  return (
    <CaptureControls
      interfaces={interfaces}
      status={status}
      checks={checks}
      onStart={async () => {}}
      onStop={async () => {}}
      {...rest}
      settings={settings}
      onApply={async (change) => {
        await apply(change);
        setSettings((current) => ({ ...current, ...change }));
      }}
    />
  );
}

const settings: CaptureSettings = { interface: 'eth0', filter: 'udp', snaplen: 262_144, promiscuous: true };
const filterInput = () => screen.getByRole('textbox', { name: 'Capture filter' });
const applyButton = () => screen.getByRole('button', { name: 'Apply' });

describe('CaptureControls', () => {
  it('applies a typed filter', async () => {
    const user = userEvent.setup();
    const apply = vi.fn(async () => {});
    render(<Controlled apply={apply} initial={settings} />);
    expect(filterInput()).toHaveValue('udp');
    expect(applyButton()).toBeDisabled();

    await user.clear(filterInput());
    await user.type(filterInput(), 'tcp port 80');
    await user.click(applyButton());
    expect(apply).toHaveBeenCalledExactlyOnceWith({ filter: 'tcp port 80' });
    expect(filterInput()).toHaveValue('tcp port 80');
    expect(applyButton()).toBeDisabled();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows a filter libpcap refused beside the input, keeps the text, and clears it on a good one', async () => {
    const user = userEvent.setup();
    const apply = vi.fn(async ({ filter }: Partial<CaptureSettings>) => {
      if (filter === 'tcp port') throw BAD_FILTER;
    });
    render(<Controlled apply={apply} initial={settings} />);

    await user.clear(filterInput());
    await user.type(filterInput(), 'tcp port{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('bad capture filter "tcp port": can\'t parse filter expression: syntax error');
    expect(alert).toHaveTextContent('still capturing with “udp”');
    expect(filterInput()).toHaveValue('tcp port');
    expect(filterInput()).toHaveAttribute('aria-invalid', 'true');
    expect(filterInput()).toHaveAccessibleDescription(alert.textContent!);
    expect(applyButton()).toBeEnabled();

    await user.type(filterInput(), ' 443');
    await user.click(applyButton());
    expect(apply.mock.calls).toEqual([[{ filter: 'tcp port' }], [{ filter: 'tcp port 443' }]]);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(filterInput()).toHaveAttribute('aria-invalid', 'false');
    expect(filterInput()).toHaveValue('tcp port 443');
  });

  it('names no filter when none was applied before the refused one', async () => {
    const user = userEvent.setup();
    render(<Controlled apply={async () => { throw BAD_FILTER; }} initial={{ ...settings, filter: '' }} />);
    await user.type(filterInput(), 'tcp port');
    await user.click(applyButton());
    expect(await screen.findByRole('alert')).toHaveTextContent('still capturing with no filter');
  });

  it('holds Apply while the server answers', async () => {
    const user = userEvent.setup();
    let answer = () => {};
    const apply = vi.fn(() => new Promise<void>((resolve) => { answer = resolve; }));
    render(<Controlled apply={apply} initial={settings} />);
    await user.type(filterInput(), ' and port 53');
    await user.click(applyButton());
    expect(applyButton()).toBeDisabled();
    answer();
    await vi.waitFor(() => expect(filterInput()).toHaveValue('udp and port 53'));
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('lists the interfaces with their addresses, and applies the one picked', async () => {
    const user = userEvent.setup();
    const apply = vi.fn(async () => {});
    render(<Controlled apply={apply} initial={settings} />);
    const select = screen.getByRole('combobox', { name: 'Interface' });
    expect(within(select).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'eth0 — 192.0.2.2, fd00::2, fe80::fc:ff:fe00:1',
      'any — Pseudo-device that captures on all interfaces',
      'lo — 127.0.0.1, ::1',
      'ifb0 (down)',
    ]);
    expect(select).toHaveValue('eth0');

    await user.selectOptions(select, 'lo');
    expect(apply).toHaveBeenCalledExactlyOnceWith({ interface: 'lo' });
    expect(select).toHaveValue('lo');
  });

  it('shows why an interface could not be chosen', async () => {
    const user = userEvent.setup();
    const apply = async () => {
      throw new ApiError(409, 'capture running', 'stop the capture before changing the interface');
    };
    render(<Controlled apply={apply} initial={settings} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Interface' }), 'any');
    expect(await screen.findByRole('alert')).toHaveTextContent('stop the capture before changing the interface');
    expect(filterInput()).toHaveAttribute('aria-invalid', 'false');
  });

  it('starts when every check passes', async () => {
    const user = userEvent.setup();
    const onStart = vi.fn(async () => {});
    render(<Controlled apply={async () => {}} initial={settings} onStart={onStart} />);
    expect(checks.every((check) => check.ok)).toBe(true);
    expect(screen.queryByRole('note')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start' }));
    expect(onStart).toHaveBeenCalledTimes(1);
  });

  it('disables Start and says how to fix a failed check', () => {
    const denied: PreflightCheck = {
      name: 'permission to capture',
      ok: false,
      result: 'cannot capture on eth0: Operation not permitted',
      fix: 'run as root, or give java cap_net_raw and cap_net_admin',
    };
    render(<Controlled apply={async () => {}} initial={settings} checks={[checks[0], checks[1], denied]} />);
    expect(screen.getByRole('button', { name: 'Start' })).toBeDisabled();
    const advice = screen.getByRole('note', { name: 'Why live capture is unavailable' });
    expect(within(advice).getAllByRole('listitem').map((entry) => entry.textContent)).toEqual([
      'permission to capture: cannot capture on eth0: Operation not permitted — run as root, or give java cap_net_raw and cap_net_admin',
    ]);
  });

  it('offers Stop, and holds the interface, while capturing', async () => {
    const user = userEvent.setup();
    const onStop = vi.fn(async () => {});
    render(<Controlled apply={async () => {}} initial={settings} status={running} onStop={onStop} />);
    expect(screen.queryByRole('button', { name: 'Start' })).toBeNull();
    expect(screen.getByRole('combobox', { name: 'Interface' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    expect(onStop).toHaveBeenCalledTimes(1);
  });
});
