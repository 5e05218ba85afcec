// Takes docs/dashboard.png (repository tooling): a paper run on the embedded venue's default market, a few
// impulses so the chart carries trades and an open position, and the dashboard in headless Chromium (Debian's
// chromium with playwright-core, as the dashboard's test). Run after pnpm build: node scripts/dashboard-screenshot.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const engineDir = join(root, 'packages', 'engine');
const { chromium } = createRequire(join(engineDir, 'package.json'))('playwright-core');
const { loadConfig } = await import(join(engineDir, 'dist', 'config', 'load-config.js'));
const { repositoryConfigDir } = await import(join(engineDir, 'dist', 'cli', 'config-dir.js'));
const { runEngine } = await import(join(engineDir, 'dist', 'runtime', 'engine-runner.js'));
const { createLogger } = await import(join(root, 'packages', 'logging', 'dist', 'index.js'));

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const dir = mkdtempSync(join(tmpdir(), 'scalper-screenshot-'));
const argv = [
  ...['--dashboard.listen', '127.0.0.1:0', '--metrics.listen', '', '--journal.path', join(dir, 'sim.sqlite')],
  ...['--scanner.intervalMs', '5000', '--strategy.positionSizeUsd', '500', '--strategy.maxHoldingMs', '20000'],
  ...['--strategy.minTopSize', '0.001'],
  ...['--strategy.takeProfitPercent', '1.5', '--risk.cooldownAfterStopMs', '5000'],
];
const { config } = loadConfig({ argv, env: {}, configDir: repositoryConfigDir });
const quiet = new Writable({ write: (_chunk, _encoding, callback) => callback() });
const engine = await runEngine(config, createLogger({ worker: 'main', level: 'warn', destination: quiet }), {
  statusIntervalMs: 60_000,
  writeStatus: () => undefined,
});
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 1150 } });
  await page.goto(engine.dashboard.url);
  await page.waitForSelector('#connection[data-state="live"]');
  const symbolOf = async () => String((await engine.supervisor.stats()).strategy.symbol ?? '');
  while ((await symbolOf()) === '') await sleep(500);
  // Three trips that exit by time or take-profit, then one left open for its levels on the chart.
  for (const move of [1.2, -1.0, 1.4, 1.1]) {
    engine.venue.impulse(await symbolOf(), move, 2_000, 3);
    await sleep(24_000);
  }
  engine.venue.impulse(await symbolOf(), 1.2, 2_000, 3);
  await sleep(6_000);
  const out = join(root, 'docs', 'dashboard.png');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
  await engine.stop('screenshot taken');
  rmSync(dir, { recursive: true, force: true });
}
