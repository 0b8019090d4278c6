import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// End-to-end tests: the system's Chromium against the real `tapdeck serve` from the jar
// (TAPDECK_JAR, default ../app/target/tapdeck.jar). Maven runs them in the app module's
// integration-test phase; `npm run e2e` runs them by hand after a build.
const chromium = process.env.TAPDECK_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  throw new Error(`The end-to-end tests need Chromium at ${chromium} (or set TAPDECK_CHROMIUM). `
    + 'Debian/Ubuntu: sudo apt-get install chromium');
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'target/e2e-results',
  fullyParallel: true,
  // Each test runs a JVM beside the browser: two at a time suit a two-core CI machine.
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 120_000,
  globalTimeout: 10 * 60_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    actionTimeout: 20_000,
    navigationTimeout: 30_000,
    acceptDownloads: true,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
});
