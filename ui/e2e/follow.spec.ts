import { readFileSync } from 'node:fs';
import { corpus, expect, gridRows, screenshot, test } from './tapdeck';

const HTTP_PACKETS = 43;
// tshark -r dpkt-http.pcap -Y 'tcp.stream eq 0': 34 packets, 479 bytes of request and 18,364 of response.
const STREAM_0_PACKETS = 34;
const STREAM_0_PAYLOAD = 479 + 18_364;
const RED = 'rgb(127, 0, 0)';
const BLUE = 'rgb(0, 0, 127)';

test('follow stream shows an HTTP request red and its response blue, as hex too, and sets the display filter', async ({ page, serve }) => {
  const server = await serve(['--replay', corpus('dpkt-http.pcap'), '--speed', '0']);
  await page.goto(server.url);
  await expect(page.getByTestId('row-count')).toHaveText(`${HTTP_PACKETS} rows`);

  // Frame 4 is the GET of tcp.stream 0: its row's menu follows the stream.
  const grid = page.getByRole('grid', { name: 'Packets' });
  await grid.focus();
  await page.keyboard.press('Home');
  await page.locator('#packet-row-4').click({ button: 'right' });
  await page.getByRole('menu', { name: 'Packet 4' }).getByRole('menuitem', { name: 'Follow TCP Stream' }).click();
  const dialog = page.getByRole('dialog', { name: 'Follow TCP Stream (tcp.stream eq 0)' });
  await expect(dialog).toBeVisible();
  const request = dialog.locator('.follow-chunk[data-direction="client"]').first();
  const response = dialog.locator('.follow-chunk[data-direction="server"]').first();
  await expect(request).toContainText('GET /download.html HTTP/1.1\nHost: www.ethereal.com\n');
  await expect(request).toHaveCSS('color', RED);
  await expect(response).toContainText('HTTP/1.1 200 OK\n');
  await expect(response).toHaveCSS('color', BLUE);
  await expect(dialog.locator('.follow-chunk[data-direction="server"]').last()).toContainText('</html>');
  await expect(dialog.getByTestId('follow-counts')).toContainText('16 client pkts, 18 server pkts, 1 turns.');
  await expect(dialog.getByTestId('follow-ends')).toHaveText('145.254.160.237:3372 → 65.208.228.223:80 · ended');
  await screenshot(page, 'follow-stream');

  await dialog.getByRole('searchbox', { name: 'Find in stream' }).fill('ethereal');
  await expect(dialog.getByTestId('follow-matches')).toContainText('matches');
  await expect(dialog.locator('mark.current')).toHaveText('ethereal');

  await dialog.getByRole('radio', { name: 'Hex Dump' }).check();
  await expect(request).toContainText('00000000  47 45 54 20 2f 64 6f 77  6e 6c 6f 61 64 2e 68 74  GET /download.ht');
  await screenshot(page, 'follow-stream-hex');

  // The bytes of both sides, in the order they were sent.
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('link', { name: 'Save as raw bytes' }).click()]);
  expect(download.suggestedFilename()).toBe('tcp-stream-0.bin');
  const saved = readFileSync((await download.path())!);
  expect(saved.length).toBe(STREAM_0_PAYLOAD);
  expect(saved.subarray(0, 18).toString('latin1')).toBe('GET /download.html');

  await dialog.getByRole('button', { name: 'Show only this stream' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('combobox', { name: 'Display filter' })).toHaveValue('tcp.stream eq 0');
  await expect.poll(() => gridRows(page)).toBe(STREAM_0_PACKETS);

  // Ctrl+Alt+Shift+T follows the selected packet's stream, as in Wireshark.
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(grid.getByRole('row', { selected: true }).getByRole('gridcell').first()).toHaveText('1');
  await page.keyboard.press('Control+Alt+Shift+T');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Filter out this stream' }).click();
  await expect(page.getByRole('combobox', { name: 'Display filter' })).toHaveValue('!(tcp.stream eq 0)');
  await expect.poll(() => gridRows(page)).toBe(HTTP_PACKETS - STREAM_0_PACKETS);

  // The Flows view follows a flow's stream: the DNS query and its answer.
  await page.getByRole('tab', { name: 'Flows' }).click();
  const dns = page.getByRole('row').filter({ has: page.getByRole('gridcell', { name: 'UDP', exact: true }) });
  await dns.getByRole('button', { name: 'Follow' }).click();
  const udp = page.getByRole('dialog', { name: 'Follow UDP Stream (udp.stream eq 0)' });
  await expect(udp.locator('.follow-chunk[data-direction="client"]')).toContainText('pagead2.googlesyndication.com');
  await expect(udp.locator('.follow-chunk[data-direction="server"]')).toContainText('pagead.google.akadns.net');
  await udp.getByRole('button', { name: 'Close' }).first().click();
  await expect(udp).toBeHidden();
});

test('follow stream grows with a live stream as its packets arrive', async ({ page, serve }) => {
  // At a quarter of the recorded speed the GET (frame 4) comes after 3.6 s and the end of the response (frame 38) after 19.4 s.
  const server = await serve(['--replay', corpus('dpkt-http.pcap'), '--speed', '0.25']);
  await page.goto(server.url);
  const get = page.locator('#packet-row-4');
  await expect(get).toBeVisible();
  await get.click();
  await page.keyboard.press('Control+Alt+Shift+T');
  const dialog = page.getByRole('dialog', { name: 'Follow TCP Stream (tcp.stream eq 0)' });
  await expect(dialog.locator('.follow-chunk[data-direction="client"]').first()).toContainText('GET /download.html HTTP/1.1');
  await expect(dialog.locator('.follow-text')).not.toContainText('</html>');
  await expect(dialog.locator('.follow-chunk[data-direction="server"]').first()).toContainText('HTTP/1.1 200 OK', { timeout: 30_000 });
  await expect(dialog.locator('.follow-chunk[data-direction="server"]').last()).toContainText('</html>', { timeout: 40_000 });
  await expect(dialog.getByTestId('follow-counts')).toContainText('bytes server → client');
});
