import dgram from 'node:dgram';
import type { CaptureSettings, Status } from '../src/types';
import { expect, getJson, gridRows, screenshot, test } from './tapdeck';

test('a capture filter libpcap refuses is explained, and the capture keeps its filter', async ({ page, serve }) => {
  const server = await serve(['-i', 'lo', '-f', 'udp']);
  await page.goto(server.url);
  const filter = page.getByRole('textbox', { name: 'Capture filter' });
  const apply = page.getByRole('button', { name: 'Apply', exact: true });
  await expect(filter).toHaveValue('udp');

  for (const refused of ['tcp port', 'nonsense((']) {
    await filter.fill(refused);
    await apply.click();
    const error = page.getByRole('alert').filter({ hasText: refused });
    // libpcap's own words, then what the capture goes on with.
    await expect(error).toContainText('syntax error');
    await expect(error).toContainText('still capturing with “udp”');
    await expect(filter).toHaveAttribute('aria-invalid', 'true');
    expect((await getJson<CaptureSettings>(server, '/api/capture/settings')).filter).toBe('udp');
  }
  await screenshot(page, 'bad-filter');

  await filter.fill('udp port 53');
  await apply.click();
  await expect(filter).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect.poll(async () => (await getJson<CaptureSettings>(server, '/api/capture/settings')).filter).toBe('udp port 53');
});

test('live capture on lo shows the datagrams sent to the filtered port, until Stop', async ({ page, serve }) => {
  const DATAGRAMS = 50;
  // A bound receiver, so the datagrams are delivered rather than answered with ICMP errors.
  const receiver = dgram.createSocket('udp4');
  await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
  const sender = dgram.createSocket('udp4');
  try {
    const port = receiver.address().port;
    const server = await serve(['-i', 'lo', '-f', `udp port ${port}`]);
    await page.goto(server.url);
    await expect(page.getByRole('combobox', { name: 'Interface' })).toHaveValue('lo');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expect(page.getByTestId('run-state')).toHaveText('capturing on lo');

    for (let i = 0; i < DATAGRAMS; i++) {
      await new Promise<void>((resolve, reject) =>
        sender.send(`tapdeck-e2e-${i}`, port, '127.0.0.1', (error) => (error ? reject(error) : resolve())));
    }
    await expect.poll(() => gridRows(page)).toBe(DATAGRAMS);
    const rows = page.getByRole('grid', { name: 'Packets' }).getByRole('row').filter({ has: page.getByRole('gridcell') });
    // The rows in view, read at once: Source, Destination, Protocol and Info of each (Process, column 6, is another test's).
    const shown = await rows.evaluateAll((elements) => elements.map((row) =>
      [...row.querySelectorAll('[role=gridcell]')].map((cell) => cell.textContent ?? '').filter((_, column) => [2, 3, 4, 7].includes(column))));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown).toEqual(shown.map(() => ['127.0.0.1', '127.0.0.1', 'UDP', expect.stringContaining(`→ ${port} `)]));
    await rows.last().click();
    const ascii = page.getByLabel('Packet bytes').locator('.hex-ascii .byte');
    await expect.poll(async () => (await ascii.allTextContents()).join('')).toContain(`tapdeck-e2e-${DATAGRAMS - 1}`);
    await screenshot(page, 'live-capture');

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(page.getByTestId('run-state')).toHaveText('stopped');
    const status = await getJson<Status>(server, '/api/capture/status');
    expect(status.capture.running).toBe(false);
    expect(status.capture.packets).toBe(DATAGRAMS);
  } finally {
    sender.close();
    receiver.close();
  }
});
