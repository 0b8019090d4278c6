import { readFileSync } from 'node:fs';
import type { CaptureFile } from '../src/types';
import { pcapngPackets, pcapPackets, PCAPNG_MAGIC } from './captures';
import { corpus, expect, getJson, gridRows, test } from './tapdeck';

test('an uploaded capture replays, and the pcapng download holds the packets of the table', async ({ page, serve }, testInfo) => {
  const name = 'dpkt-dns_icmp.pcap';
  const original = pcapPackets(readFileSync(corpus(name)));
  const server = await serve();
  await page.goto(server.url);

  await page.getByLabel('Upload capture file').setInputFiles(corpus(name));
  const files = page.getByRole('combobox', { name: 'Capture file' });
  await expect(files.getByRole('option', { name: `${name} (${original.length} packets)` })).toHaveCount(1);
  const [stored] = (await getJson<CaptureFile[]>(server, '/api/files')).filter((file) => file.name === name);
  await expect(files).toHaveValue(stored.id);

  await page.getByRole('combobox', { name: 'Replay speed' }).selectOption({ label: 'As fast as possible' });
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect.poll(() => gridRows(page)).toBe(original.length);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download pcapng' }).click();
  const saved = testInfo.outputPath('download.pcapng');
  await (await downloading).saveAs(saved);
  const downloaded = readFileSync(saved);
  expect(downloaded.subarray(0, 4).toString('hex')).toBe(PCAPNG_MAGIC);
  const packets = pcapngPackets(downloaded);
  expect(packets.length).toBe(await gridRows(page));
  expect(packets.map((packet) => packet.toString('hex'))).toEqual(original.map((packet) => packet.toString('hex')));
});
