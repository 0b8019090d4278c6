// bench/ui-frames.mjs - drives headless Chromium on a live Tapdeck page and measures how it
// keeps up: frame times, long tasks, JS heap, rows received and held, the server's rate.
// Run by bench/ui, which starts the server; see there.
//
// Usage: node bench/ui-frames.mjs URL [--warmup S] [--follow S] [--scrolled S] [--profile FILE]
//
// Two scenarios, one after the other on the same page: following the newest row, then
// scrolled up (follow off). --profile records a CPU profile of the follow scenario (CDP
// Profiler) into FILE and prints the functions with the most self time.

import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { chromium } = await import(join(here, '../ui/node_modules/playwright-core/index.mjs'));

const options = { warmup: 5, follow: 30, scrolled: 10, profile: null };
const [url, ...rest] = process.argv.slice(2);
if (!url) throw new Error('usage: node bench/ui-frames.mjs URL [--warmup S] [--follow S] [--scrolled S] [--profile FILE]');
for (let i = 0; i < rest.length; i += 2) {
  const name = rest[i].replace(/^--/, '');
  if (!(name in options) || rest[i + 1] === undefined) throw new Error(`unknown or incomplete option ${rest[i]}`);
  options[name] = name === 'profile' ? rest[i + 1] : Number(rest[i + 1]);
}
const HEAP_EVERY_MS = 5_000;

// In the page before its own scripts: every animation frame's delta, every long task, and the
// rows the stream delivered (a packets message ends with its "count":N, read from the tail).
function installProbes() {
  const probes = { frames: [], longTasks: [], received: 0, recording: false };
  window.__bench = probes;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', ({ data }) => {
        if (typeof data !== 'string' || !data.startsWith('{"type":"packets"')) return;
        probes.received += Number(/"count":(\d+)/.exec(data.slice(-64))?.[1] ?? 0);
      });
    }
  };
  let previous = 0;
  const onFrame = (now) => {
    if (probes.recording && previous) probes.frames.push(now - previous, now);
    previous = now;
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);
  new PerformanceObserver((list) => {
    if (!probes.recording) return;
    for (const entry of list.getEntries()) probes.longTasks.push(entry.startTime, entry.duration);
  }).observe({ type: 'longtask' });
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const cdp = await page.context().newCDPSession(page);
  await page.addInitScript(installProbes);
  await cdp.send('Performance.enable');

  await page.goto(url);
  const table = page.getByRole('grid', { name: 'Packets' });
  await page.waitForFunction(() => /[1-9][\d,]* rows/.test(document.querySelector('[data-testid="row-count"]')?.textContent ?? ''),
    null, { timeout: 20_000 });
  // Warm-up: at least --warmup seconds, and until the table holds all the rows it will (its
  // count the same for a second), so the heap samples start from a full window. At most 20 s.
  const warmedAt = Date.now() + options.warmup * 1000;
  for (let previous = -1, count = 0; Date.now() < warmedAt + 15_000; previous = count) {
    await page.waitForTimeout(1000);
    count = rowsIn(await page.getByTestId('row-count').textContent());
    if (count === previous && Date.now() >= warmedAt) break;
  }

  const follow = await measure(page, cdp, 'following the newest row', options.follow, async () => {
    if (options.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
  });
  if (options.profile) {
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(options.profile, JSON.stringify(profile));
    follow.hottest = hottest(profile, 12);
  }

  // Scrolled up: the wheel turns follow off, as a user's would.
  let scrolled = { seconds: 0 };
  if (options.scrolled > 0) {
    await table.hover();
    for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -400);
    scrolled = await measure(page, cdp, 'scrolled up (follow off)', options.scrolled, async () => {});
    scrolled.followOff = !(await page.getByRole('checkbox', { name: 'Follow newest' }).isChecked());
  }

  console.log(JSON.stringify({ url, follow, scrolled }));
} finally {
  await browser.close();
}

/** Chromium's counters for the page (Performance.getMetrics): durations in seconds. */
async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

/**
 * One scenario: records for `seconds`, with the heap after a forced GC every 5 s. The main
 * thread's time is from Chromium's counters: busy (wall time in tasks) and CPU (the time the
 * thread ran), less what the forced GCs took; on a loaded machine busy exceeds CPU by the
 * time the thread waited for a core.
 */
async function measure(page, cdp, name, seconds, beforeStart) {
  const heap = [];
  const gcWindows = [];
  const gcCost = { TaskDuration: 0, ThreadTime: 0 };
  const serverRates = [];
  const sampleHeap = async () => {
    const before = await metrics(cdp);
    const start = await page.evaluate(() => performance.now());
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const end = await page.evaluate(() => performance.now());
    const after = await metrics(cdp);
    for (const key of Object.keys(gcCost)) gcCost[key] += after[key] - before[key];
    gcWindows.push([start, end]);
    heap.push({ at: (end - startedAt) / 1000, mib: usedSize / 2 ** 20 });
  };
  const sampleServer = async () => {
    const status = await (await fetch(new URL('/api/capture/status', url))).json();
    serverRates.push(status.replay.packetsPerSecond);
  };

  await beforeStart();
  const startedAt = await page.evaluate(() => performance.now());
  await sampleHeap();
  gcCost.TaskDuration = gcCost.ThreadTime = 0;
  const counters = await metrics(cdp);
  const receivedBefore = await page.evaluate(() => {
    window.__bench.recording = true;
    return window.__bench.received;
  });
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    await new Promise((done) => setTimeout(done, Math.min(HEAP_EVERY_MS, deadline - Date.now())));
    await sampleServer();
    await sampleHeap();
  }
  const { frames, longTasks, received, rowLabel, endedAt } = await page.evaluate(() => {
    const probes = window.__bench;
    probes.recording = false;
    const result = { frames: probes.frames, longTasks: probes.longTasks, received: probes.received,
      rowLabel: document.querySelector('[data-testid="row-count"]').textContent, endedAt: performance.now() };
    probes.frames = [];
    probes.longTasks = [];
    return result;
  });
  const elapsed = (endedAt - startedAt) / 1000;
  const ended = await metrics(cdp);
  const perSecond = (key) => (1000 * (ended[key] - counters[key] - (gcCost[key] ?? 0))) / elapsed;

  // Frames that overlap a forced GC measure the benchmark, not the page: left out, and counted.
  const deltas = [];
  let overlappingGc = 0;
  for (let i = 0; i < frames.length; i += 2) {
    const [delta, end] = [frames[i], frames[i + 1]];
    if (gcWindows.some(([from, to]) => end > from && end - delta < to)) overlappingGc++;
    else deltas.push(delta);
  }
  const tasks = [];
  for (let i = 0; i < longTasks.length; i += 2) {
    const [start, duration] = [longTasks[i], longTasks[i + 1]];
    if (!gcWindows.some(([from, to]) => start < to && start + duration > from)) tasks.push(duration);
  }
  return {
    name,
    seconds,
    elapsed,
    frames: summarize(deltas),
    framesOverlappingGc: overlappingGc,
    longTasks: { count: tasks.length, totalMs: tasks.reduce((sum, d) => sum + d, 0), maxMs: Math.max(0, ...tasks) },
    heap,
    mainThreadMsPerSecond: { busy: perSecond('TaskDuration'), cpu: perSecond('ThreadTime'), script: perSecond('ScriptDuration'),
      layout: perSecond('LayoutDuration'), style: perSecond('RecalcStyleDuration') },
    rowsReceived: received - receivedBefore,
    rowsHeld: rowsIn(rowLabel),
    rowLabel: rowLabel.trim(),
    serverPacketsPerSecond: serverRates,
    loadAverage: loadavg()[0],
  };
}

/** The rows the table holds, from its label: "20,000 rows · 80,502 older on the server". */
function rowsIn(label) {
  return Number(/([\d,]+) rows/.exec(label)?.[1].replaceAll(',', '') ?? NaN);
}

function summarize(deltas) {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** The functions with the most self time in a CDP CPU profile. */
function hottest(profile, count) {
  const interval = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
  const hits = new Map(profile.samples.map((id) => [id, 0]));
  for (const id of profile.samples) hits.set(id, hits.get(id) + 1);
  const byFunction = new Map();
  for (const node of profile.nodes) {
    const { functionName, url: script, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${script.split('/').pop()}:${lineNumber + 1}:${node.callFrame.columnNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (hits.get(node.id) ?? 0) * interval);
  }
  return [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, count).map(([fn, ms]) => ({ fn, ms: Math.round(ms) }));
}
