import type { PacketPage } from '../src/api';
import type { CaptureFile } from '../src/types';
import { corpus, expect, expectFirstRow, getJson, gridRows, screenshot, test, type TapdeckProcess } from './tapdeck';

const HTTP_PACKETS = 43;

/** What the server's history holds that a filter passes. */
const passing = (server: TapdeckProcess, filter: string) =>
  getJson<PacketPage>(server, `/api/packets?filter=${encodeURIComponent(filter)}`).then((page) => page.packets);

test('the display filter bar goes green, narrows the list over the whole history and the stream, and goes red with the server\'s message', async ({ page, serve }) => {
  const server = await serve(['--replay', corpus('dpkt-http.pcap'), '--speed', '0']);
  await page.goto(server.url);
  await expect(page.getByTestId('row-count')).toHaveText(`${HTTP_PACKETS} rows`);
  const bar = page.getByRole('combobox', { name: 'Display filter' });
  const frame = page.locator('.filter-bar');
  await expect(frame).toHaveAttribute('data-state', 'empty');

  // Field names complete from the server's registry.
  await bar.click();
  await bar.pressSequentially('ip.sr');
  const fields = page.getByRole('listbox', { name: 'Fields' });
  await expect(fields.getByRole('option').first()).toContainText('ip.src');
  await screenshot(page, 'display-filter-completion');
  await bar.press('Tab');
  await expect(bar).toHaveValue('ip.src');
  await expect(fields).toBeHidden();

  // tshark selects frames 6, 8, 10, 11, 14, 16, 20, 21, 23, 29, 31, 32, 34 and 38 (server/src/test/resources/filters).
  const filter = 'ip.src == 65.208.228.223 && tcp.len > 0';
  await bar.pressSequentially(' == 65.208.228.223 && tcp.len > 0');
  await expect(bar).toHaveValue(filter);
  await expect(frame).toHaveAttribute('data-state', 'valid');
  await expect(frame).toHaveCSS('background-color', 'rgb(175, 255, 175)');
  await bar.press('Enter');
  const expected = await passing(server, filter);
  expect(expected.map((packet) => packet['frame.number'])).toEqual([6, 8, 10, 11, 14, 16, 20, 21, 23, 29, 31, 32, 34, 38]);
  await expect.poll(() => gridRows(page)).toBe(expected.length);
  await expect(page.getByTestId('row-count')).toHaveText(`${expected.length} rows displayed by the filter`);
  await expectFirstRow(page, expected[0]);
  await screenshot(page, 'display-filter');

  // The stream is filtered too: the same file replayed again fills the list with the same frames only.
  const [file] = await getJson<CaptureFile[]>(server, '/api/files');
  const replay = await fetch(`${server.url}/api/replay`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ file: file.id, speed: 0 }),
  });
  expect(replay.status).toBe(200);
  await expect.poll(() => getJson<PacketPage>(server, '/api/packets?limit=1').then((page) => page.newest)).toBe(HTTP_PACKETS);
  await expect.poll(() => gridRows(page)).toBe(expected.length);
  await expectFirstRow(page, expected[0]);

  // A filter that does not compile: red, tshark's message and a caret under the fault; the list keeps the filter before.
  await bar.fill('ip.src == 1.2.3.300');
  await expect(frame).toHaveAttribute('data-state', 'invalid');
  await expect(page.locator('.filter-error')).toContainText('"1.2.3.300" is not a valid hostname or IPv4 address.');
  await expect(page.getByLabel('Where the filter is wrong')).toHaveText('ip.src == 1.2.3.300\n          ^~~~~~~~~');
  await bar.press('Enter');
  await screenshot(page, 'display-filter-error');
  expect(await gridRows(page)).toBe(expected.length);

  // Cleared, the list has every packet again; the filter applied is in the recent list.
  await page.getByRole('button', { name: 'Clear display filter' }).click();
  await expect(frame).toHaveAttribute('data-state', 'empty');
  await expect.poll(() => gridRows(page)).toBe(HTTP_PACKETS);
  await page.getByRole('button', { name: 'Recent filters' }).click();
  await expect(page.getByRole('listbox', { name: 'Recent filters' }).getByRole('option')).toHaveText([filter]);
});

test('a field of the detail tree applies as a display filter from its right-click menu, or is prepared in the bar', async ({ page, serve }) => {
  const server = await serve(['--replay', corpus('dpkt-http.pcap'), '--speed', '0']);
  await page.goto(server.url);
  await expect(page.getByTestId('row-count')).toHaveText(`${HTTP_PACKETS} rows`);
  const grid = page.getByRole('grid', { name: 'Packets' });
  const tree = page.getByRole('tree', { name: 'Packet details' });
  const bar = page.getByRole('combobox', { name: 'Display filter' });

  // Home goes to the top of the list, where frame 4 is drawn.
  await grid.focus();
  await page.keyboard.press('Home');
  await grid.locator('#packet-row-4').click();
  await tree.locator('[data-field="http.host"]').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Field http.host' });
  await expect(menu.getByRole('menuitem')).toHaveText(['Apply as Filter', 'Prepare as Filter', 'Follow TCP Stream', 'Follow UDP Stream']);
  await expect(menu.getByRole('menuitem', { name: 'Follow UDP Stream' })).toHaveAttribute('aria-disabled', 'true');
  await screenshot(page, 'apply-as-filter');
  await menu.getByRole('menuitem', { name: 'Apply as Filter' }).click();
  await expect(menu).toBeHidden();
  await expect(bar).toHaveValue('http.host == "www.ethereal.com"');
  const requests = await passing(server, 'http.host == "www.ethereal.com"');
  expect(requests.length).toBeGreaterThan(0);
  await expect.poll(() => gridRows(page)).toBe(requests.length);
  await expect(page.locator('.filter-bar')).toHaveAttribute('data-state', 'valid');

  // Prepare fills the bar and leaves the list as it is, until Enter.
  await grid.getByRole('row').nth(1).click();
  await tree.locator('[data-field="tcp.srcport"]').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Prepare as Filter' }).click();
  await expect(bar).toHaveValue('tcp.srcport == 3372');
  await expect(bar).toBeFocused();
  await expect(page.getByText('Enter to apply')).toBeVisible();
  expect(await gridRows(page)).toBe(requests.length);
  await bar.press('Enter');
  await expect.poll(() => gridRows(page)).toBe((await passing(server, 'tcp.srcport == 3372')).length);
});
