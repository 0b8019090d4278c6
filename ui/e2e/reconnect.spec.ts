import { readFileSync } from 'node:fs';
import type { PacketPage } from '../src/api';
import type { CaptureFile } from '../src/types';
import { pcapPackets } from './captures';
import { corpus, expect, expectFirstRow, getJson, gridRows, screenshot, test } from './tapdeck';

test('the page reconnects by itself to a server restarted on the same port', async ({ page, serve }) => {
  const first = await serve(['--replay', corpus('dpkt-http.pcap'), '--speed', '0']);
  await page.goto(first.url);
  const connection = page.getByTestId('connection');
  await expect(connection).toHaveAttribute('data-state', 'open');
  await expect.poll(() => gridRows(page)).toBe(43);
  // Gone if the page were loaded again.
  await page.evaluate(() => Object.assign(window, { tapdeckSamePage: true }));

  await first.stop('SIGKILL');
  await expect(connection).not.toHaveAttribute('data-state', 'open');
  await screenshot(page, 'reconnecting');

  const second = await serve([], first.port);
  // The backoff waits up to 10 s between attempts.
  await expect(connection).toHaveAttribute('data-state', 'open', { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { tapdeckSamePage?: boolean }).tapdeckSamePage)).toBe(true);
  // The new server holds no packets: the old server's rows go.
  await expect.poll(() => gridRows(page)).toBe(0);

  const name = 'dpkt-dns_icmp.pcap';
  const upload = await fetch(`${second.url}/api/files?name=${name}`, { method: 'POST', body: readFileSync(corpus(name)) });
  expect(upload.status).toBe(201);
  const stored = (await upload.json()) as CaptureFile;
  const replay = await fetch(`${second.url}/api/replay`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ file: stored.id, speed: 0 }),
  });
  expect(replay.status).toBe(200);
  await expect.poll(() => gridRows(page)).toBe(pcapPackets(readFileSync(corpus(name))).length);
  await expectFirstRow(page, (await getJson<PacketPage>(second, '/api/packets?after=0&limit=1')).packets[0]);
});
