import { readFileSync } from 'node:fs';
import type { PacketPage } from '../src/api';
import type { PacketDetail } from '../src/types';
import { corpus, expect, expectFirstRow, getJson, gridRows, screenshot, SCREENSHOTS, tapdeck, test } from './tapdeck';

const HTTP_CAPTURE = 'dpkt-http.pcap';
const HTTP_PACKETS = 43;

test('a replayed capture fills the table, and the detail tree and the bytes point at each other', async ({ page, serve }) => {
  const server = await serve(['--replay', corpus(HTTP_CAPTURE), '--speed', '0']);
  await page.goto(server.url);

  const grid = page.getByRole('grid', { name: 'Packets' });
  await expect(grid).toHaveAttribute('aria-rowcount', String(HTTP_PACKETS + 1));
  await expect(page.getByTestId('row-count')).toHaveText(`${HTTP_PACKETS} rows`);
  const first = (await getJson<PacketPage>(server, '/api/packets?after=0&limit=1')).packets[0];
  // tshark's reading of the same frame, so the server's answer is not the only judge.
  const tshark = JSON.parse(readFileSync(`${corpus(HTTP_CAPTURE)}.expected.jsonl`, 'utf8').split('\n')[0]);
  expect([first.source, first.destination]).toEqual([tshark['ip.src'], tshark['ip.dst']]);
  await expectFirstRow(page, first);

  const httpRow = grid.getByRole('row').filter({ has: page.getByRole('gridcell', { name: 'HTTP', exact: true }) }).first();
  await httpRow.click();
  await expect(httpRow).toHaveAttribute('aria-selected', 'true');
  const frame = Number(await httpRow.getByRole('gridcell').first().textContent());
  const detail = await getJson<PacketDetail>(server, `/api/packets/${frame}`);
  const tree = page.getByRole('tree', { name: 'Packet details' });
  const hex = page.getByLabel('Packet bytes');
  await expect(tree.locator('[data-field="http"]')).toBeVisible();
  await expect(hex.locator('.hex-bytes .byte')).toHaveText(detail.bytes.match(/../g)!);

  // A field in the tree marks its bytes, and only those: ip.src is bytes 26-29 of Ethernet + IPv4.
  await tree.locator('[data-field="ip.src"]').click();
  await expect(tree.locator('[data-field="ip.src"]')).toHaveAttribute('aria-selected', 'true');
  const marked = hex.locator('.hex-bytes .byte.marked');
  await expect(marked).toHaveCount(4);
  expect(await marked.evaluateAll((cells) => cells.map((cell) => Number((cell as HTMLElement).dataset.offset)))).toEqual([26, 27, 28, 29]);
  const source = detail.summary.source.split('.').map((part) => Number(part).toString(16).padStart(2, '0'));
  await expect(marked).toHaveText(source);
  await screenshot(page, 'table-selection');

  // A byte picks the narrowest field over it: byte 35 is the low byte of the TCP source port.
  await hex.locator('.hex-bytes [data-offset="35"]').click();
  await expect(tree.locator('[data-field="tcp.srcport"]')).toHaveAttribute('aria-selected', 'true');
  await expect(tree.getByRole('treeitem', { selected: true })).toHaveCount(1);
  await expect(marked).toHaveCount(2);

  await tree.locator('[data-field="http.host"]').click();
  await expect(hex.locator('.hex-ascii .byte.marked')).toHaveText([...'Host: www.ethereal.com..']);

  // Explain: the offline explainer's markdown, rendered, with its source.
  await page.getByRole('button', { name: 'Explain', exact: true }).click();
  const explanation = page.getByRole('region', { name: 'Explanation' });
  await expect(explanation.getByRole('heading', { name: `Packet ${frame}: HTTP`, exact: false })).toBeVisible();
  await expect(explanation.getByRole('heading', { name: 'In its conversation' })).toBeVisible();
  await expect(explanation).toContainText('Source: offline');
  await page.screenshot({ path: `${SCREENSHOTS}/tapdeck-ui.png` });
});

test('a paused replay adds no packets until it is resumed', async ({ page, serve }, testInfo) => {
  // 2,000 synthetic packets span about 28 ms: at 0.005× that is some 350 packets a second, for ever.
  const capture = testInfo.outputPath('synthetic.pcap');
  tapdeck(['generate', '-w', capture, '--packets', '2000']);
  const server = await serve(['--replay', capture, '--speed', '0.005', '--loop']);
  await page.goto(server.url);
  await expect.poll(() => gridRows(page)).toBeGreaterThan(20);

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-state')).toHaveText('replay paused');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  // Packets the server had sent before it paused may still be on their way.
  await page.waitForTimeout(500);
  const heldRows = await gridRows(page);
  const heldHistory = (await getJson<PacketPage>(server, '/api/packets?after=0&limit=1')).newest;
  await page.waitForTimeout(2000);
  expect(await gridRows(page)).toBe(heldRows);
  expect((await getJson<PacketPage>(server, '/api/packets?after=0&limit=1')).newest).toBe(heldHistory);
  await screenshot(page, 'replay-paused');

  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByTestId('run-state')).toHaveText(/^replaying /);
  await expect.poll(() => gridRows(page)).toBeGreaterThan(heldRows);
});

test('the flows view lists the capture\'s flows, and a flow picked there becomes the display filter', async ({ page, serve }) => {
  const server = await serve(['--replay', corpus(HTTP_CAPTURE), '--speed', '0']);
  await page.goto(server.url);
  await expect(page.getByTestId('row-count')).toHaveText(`${HTTP_PACKETS} rows`);

  await page.getByRole('tab', { name: 'Flows' }).click();
  const flows = page.getByRole('grid', { name: 'Flows' });
  // The server's flows, most bytes first: the HTTP download is the first.
  const listed = await getJson<{ flows: { id: number; packets: number; initiator: string; initiatorPort: number; responder: string; responderPort: number }[] }>(
    server, '/api/flows?sort=bytes');
  await expect(flows.getByRole('row')).toHaveCount(listed.flows.length + 1);
  const web = listed.flows[0];
  const row = flows.getByRole('row').nth(1);
  await expect(row).toContainText(`:${web.initiatorPort}`);
  await row.click();

  await expect(page.getByRole('tab', { name: 'Packets' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('combobox', { name: 'Display filter' }))
    .toHaveValue(`ip.addr == ${web.initiator} && ip.addr == ${web.responder} && tcp.port == ${web.initiatorPort} && tcp.port == ${web.responderPort}`);
  await expect.poll(() => gridRows(page)).toBe(web.packets);
  await expect(page.getByTestId('row-count')).toHaveText(`${web.packets} rows displayed by the filter`);
});
