import { test as base, expect, type Page } from '@playwright/test';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { programLabel } from '../src/processes';
import type { PacketSummary } from '../src/types';

/** The ui folder: the jar, the corpus and the screenshots are found from here. */
const UI_DIR = fileURLToPath(new URL('..', import.meta.url));
export const JAR = process.env.TAPDECK_JAR ?? `${UI_DIR}../app/target/tapdeck.jar`;
export const SCREENSHOTS = `${UI_DIR}target/e2e-screenshots`;
// A JVM starts in a few seconds, but CI machines may be busy.
const STARTUP_MS = 60_000;
const STOP_MS = 10_000;

/** A capture from the shared corpus beside the repository. */
export function corpus(name: string): string {
  return `${UI_DIR}../../shared/corpus/${name}`;
}

/** A JDK 25: TAPDECK_JAVA, else JAVA_HOME's, else the one bin/find-java picks (as ./tapdeck does). */
function findJava(): string {
  if (process.env.TAPDECK_JAVA) return process.env.TAPDECK_JAVA;
  if (process.env.JAVA_HOME) return `${process.env.JAVA_HOME}/bin/java`;
  return `${execFileSync(`${UI_DIR}../bin/find-java`, { encoding: 'utf8' }).trim()}/bin/java`;
}
let java: string | undefined;

/** Runs `java -jar tapdeck.jar ARGS` to the end, e.g. `generate`; its output when it succeeds. */
export function tapdeck(args: string[]): string {
  java ??= findJava();
  return execFileSync(java, ['-jar', JAR, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Every server still running, so that none outlives the test run, however it ends. */
const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** One `tapdeck serve` process on 127.0.0.1. */
export class TapdeckProcess {
  private readonly exited: Promise<void>;
  private output = '';
  private listeningOn = 0;

  private constructor(private readonly child: ChildProcess) {
    running.add(child);
    this.exited = new Promise((resolve) => child.once('exit', () => {
      running.delete(child);
      resolve();
    }));
    const append = (chunk: Buffer) => (this.output += chunk.toString());
    child.stdout!.on('data', append);
    child.stderr!.on('data', append);
  }

  get port(): number {
    return this.listeningOn;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the server printed, for the report of a failed test. */
  get log(): string {
    return this.output;
  }

  private get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Starts a server with these arguments, on {@code port} (0: one the system picks), and
   * returns once GET /api/capture/status answers.
   */
  static async start(args: string[], port = 0): Promise<TapdeckProcess> {
    if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build it with ./mvnw -B install -DskipTests, or set TAPDECK_JAR`);
    java ??= findJava();
    const server = new TapdeckProcess(spawn(java, ['-jar', JAR, 'serve', '--bind', '127.0.0.1', '--port', String(port), ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] }));
    try {
      await server.until('listen', () => {
        server.listeningOn = Number(/Tapdeck is serving on http:\/\/127\.0\.0\.1:(\d+)\//.exec(server.output)?.[1] ?? 0);
        return server.listeningOn > 0;
      });
      await server.until('answer GET /api/capture/status', () => fetch(`${server.url}/api/capture/status`).then((response) => response.ok, () => false));
      return server;
    } catch (problem) {
      await server.stop('SIGKILL');
      throw problem;
    }
  }

  private async until(what: string, done: () => boolean | Promise<boolean>) {
    const deadline = Date.now() + STARTUP_MS;
    while (!(await done())) {
      if (!this.alive) throw new Error(`tapdeck serve exited (${this.child.exitCode ?? this.child.signalCode}) before it would ${what}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`tapdeck serve did not ${what} within ${STARTUP_MS} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Ends the process: SIGTERM lets it close its sockets; SIGKILL is a crash. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
    if (!this.alive) return;
    this.child.kill(signal);
    const forced = setTimeout(() => this.child.kill('SIGKILL'), STOP_MS);
    await this.exited;
    clearTimeout(forced);
  }
}

interface Fixtures {
  /** Starts a `tapdeck serve`; every one started is stopped when the test ends, passed or failed. */
  serve: (args?: string[], port?: number) => Promise<TapdeckProcess>;
}

export const test = base.extend<Fixtures>({
  serve: async ({}, use, testInfo) => {
    const servers: TapdeckProcess[] = [];
    await use(async (args = [], port = 0) => {
      const server = await TapdeckProcess.start(args, port);
      servers.push(server);
      return server;
    });
    await Promise.all(servers.map((server) => server.stop()));
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [index, server] of servers.entries()) {
        await testInfo.attach(`tapdeck serve ${index + 1}`, { body: server.log, contentType: 'text/plain' });
      }
    }
  },
});

export { expect };

/** A picture of the page for people, beside the test results. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

/** The server's JSON at a path, failing on any error status. */
export async function getJson<T>(server: TapdeckProcess, path: string): Promise<T> {
  const response = await fetch(`${server.url}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The number the status line shows for packets of the running source. */
export async function statusPackets(page: Page): Promise<number> {
  return Number((await page.getByTestId('status-packets').textContent())!.replace(/,/g, ''));
}

/** Rows the table holds, from the grid's own row count (its header row is one of them). */
export async function gridRows(page: Page): Promise<number> {
  return Number(await page.getByRole('grid', { name: 'Packets' }).getAttribute('aria-rowcount')) - 1;
}

/** Selects the first row with the keyboard, as a user would, and checks it shows this summary. */
export async function expectFirstRow(page: Page, first: PacketSummary) {
  const grid = page.getByRole('grid', { name: 'Packets' });
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(grid.getByRole('row', { selected: true }).getByRole('gridcell')).toHaveText([
    String(first['frame.number']), first.time.toFixed(6), first.source, first.destination,
    first.protocol, String(first.length), first.process ? programLabel(first.process) : '', first.info,
  ]);
}
