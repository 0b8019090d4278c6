import { writeFileSync } from 'node:fs';
import { expect, gridRows, screenshot, test } from './tapdeck';

const SCANNED_PORTS = 150;

/** A pcap in which 10.9.9.9 sends a TCP SYN to each of ports 1..150 of 10.0.0.1, 10 ms apart. */
function portScanCapture(): Buffer {
  const header = Buffer.alloc(24);
  header.writeUInt32LE(0xa1b2c3d4, 0);
  header.writeUInt16LE(2, 4);
  header.writeUInt16LE(4, 6);
  header.writeUInt32LE(65535, 16);
  header.writeUInt32LE(1, 20); // Ethernet
  const records = [header];
  for (let port = 1; port <= SCANNED_PORTS; port++) {
    const frame = Buffer.alloc(54);
    Buffer.from([2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0x08, 0x00]).copy(frame, 0);
    Buffer.from([0x45, 0, 0, 40, port >> 8, port & 0xff, 0, 0, 64, 6, 0, 0, 10, 9, 9, 9, 10, 0, 0, 1]).copy(frame, 14);
    frame.writeUInt16BE(40000, 34);
    frame.writeUInt16BE(port, 36);
    frame.writeUInt32BE(1000, 38);
    frame[46] = 0x50;
    frame[47] = 0x02; // SYN
    frame.writeUInt16BE(1024, 48);
    const record = Buffer.alloc(16);
    const micros = port * 10_000;
    record.writeUInt32LE(1_700_000_000 + Math.floor(micros / 1_000_000), 0);
    record.writeUInt32LE(micros % 1_000_000, 4);
    record.writeUInt32LE(frame.length, 8);
    record.writeUInt32LE(frame.length, 12);
    records.push(record, frame);
  }
  return Buffer.concat(records);
}

test('a port scan raises an alert whose packets a display filter shows, and that explains itself', async ({ page, serve }, testInfo) => {
  const capture = testInfo.outputPath('port-scan.pcap');
  writeFileSync(capture, portScanCapture());
  const server = await serve();
  await page.goto(server.url);

  await page.getByLabel('Upload capture file').setInputFiles(capture);
  await expect(page.getByRole('combobox', { name: 'Capture file' })).toContainText('port-scan.pcap');
  await page.getByRole('combobox', { name: 'Replay speed' }).selectOption({ label: 'As fast as possible' });
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect.poll(() => gridRows(page)).toBe(SCANNED_PORTS);

  // The alert arrives on the stream: a notification, and a line in the alerts panel.
  await expect(page.locator('.toast')).toContainText('port-scan');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  const alert = alerts.getByRole('listitem').filter({ hasText: 'port-scan' });
  await expect(alert).toHaveCount(1);
  await expect(alert).toContainText('10.9.9.9');
  await screenshot(page, 'alert');

  // Its details give the numbers behind it.
  await alert.locator('.alert-summary').click();
  await expect(alert.locator('.alert-details')).toContainText('Threshold');

  // Show packets applies a display filter on the alert's host and frames: the SYNs from the scanner.
  await alert.getByRole('button', { name: /Show packets/ }).click();
  await expect(page.getByRole('combobox', { name: 'Display filter' }))
    .toHaveValue(/^ip\.addr == 10\.9\.9\.9 && frame\.number >= \d+ && frame\.number <= \d+$/);
  await expect(alert).toHaveClass(/active/);
  await expect.poll(() => gridRows(page)).toBeGreaterThanOrEqual(100);
  const shown = await gridRows(page);
  expect(shown).toBeLessThanOrEqual(SCANNED_PORTS);
  await expect(page.getByTestId('row-count')).toHaveText(`${shown} rows displayed by the filter`);

  await alert.getByRole('button', { name: 'Explain' }).click();
  const explanation = page.getByRole('region', { name: 'Explanation' });
  await expect(explanation).toContainText('10.9.9.9');
  await expect(explanation).toContainText('Source: offline');
});
