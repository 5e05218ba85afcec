// The dashboard end to end in headless Chromium (Debian's chromium, driven by playwright-core; .ci/run installs it):
// the page refuses a visit without the token and loads with it, shows the traded symbol and a chart that moves,
// a scripted entry on the embedded venue and the page's own "close now" appear on the chart and in the trade list,
// and the page's halt flattens the position and halts trading, then its resume lifts the halt.

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningEngine } from '../runtime/engine-runner.js';
import { calmSimArgs, quickTradeArgs, startQuietEngine, tickingSymbol, withOption } from '../runtime/test-support/test-engine.js';
import { until } from '../runtime/test-support/until.js';

/** The page's document, as the functions run inside Chromium see it (this package compiles without the DOM lib). */
declare const document: {
  querySelector(selector: string): { textContent: string | null; getAttribute(name: string): string | null; content?: string } | null;
};

const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
if (!haveChromium) console.warn(`dashboard browser test skipped: no Chromium at ${chromiumPath} (apt-get install chromium)`);
const describeWithChromium = haveChromium ? describe : describe.skip;

let dir: string;
let engine: RunningEngine | null = null;
let browser: Browser | null = null;

beforeAll(async () => {
  if (!haveChromium) return;
  dir = mkdtempSync(join(tmpdir(), 'scalper-dashboard-'));
  engine = await startQuietEngine([
    '--dashboard.listen',
    '127.0.0.1:0',
    '--dashboard.updateIntervalMs',
    '250',
    '--journal.path',
    join(dir, 'sim.sqlite'),
    // Held until the page closes it; a take-profit far away, so its line is drawn but never reached.
    ...withOption(quickTradeArgs, 'strategy.maxHoldingMs', '120000'),
    '--strategy.takeProfitPercent',
    '20',
    // A close the strategy did not make holds entries this long (as a stop-out does): none, so the halt has one to flatten.
    '--risk.cooldownAfterStopMs',
    '0',
    ...calmSimArgs,
  ]);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await engine?.stop('test over');
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
}, 60_000);

const stats = async () => engine!.supervisor.stats();

/** Clicks a control button, confirms in the page's dialog, and returns the answer the page shows. */
async function control(page: Page, button: string): Promise<string> {
  await page.click(button);
  await page.waitForSelector('#confirm-dialog[open]');
  await page.click('#confirm-yes');
  await page.waitForFunction(() => {
    const answer = document.querySelector('#control-answer');
    return answer !== null && answer.textContent !== '' && answer.textContent !== '…';
  });
  const text = (await page.textContent('#control-answer')) ?? '';
  await page.evaluate(() => {
    const answer = document.querySelector('#control-answer');
    if (answer !== null) answer.textContent = '';
  });
  return text;
}

async function enter(symbol: string): Promise<void> {
  engine!.venue!.impulse(symbol, 1.5, 1_500, 3);
  await until(async () => ((await stats()).execution['positionSide'] !== 'flat' ? true : undefined), 'an entry', 30_000);
}

describeWithChromium('the dashboard in Chromium', () => {
  it('refuses the page without the token and serves it with the token', async () => {
    const page = await browser!.newPage();
    const address = engine!.dashboard!.address;
    const refused = await page.goto(`http://${address}/`);
    expect(refused?.status()).toBe(401);
    expect(await page.textContent('h1')).toBe('Access token needed');
    const wrong = await page.goto(`http://${address}/?token=not-the-token-at-all-00000000`);
    expect(wrong?.status()).toBe(401);
    const signedIn = await page.goto(engine!.dashboard!.url);
    expect(signedIn?.status()).toBe(200);
    // The token went into a cookie and out of the address bar.
    expect(page.url()).toBe(`http://${address}/`);
    await page.close();
  }, 30_000);

  it('shows the symbol and a moving chart; an entry, a close from the page, and a halt that flattens', async () => {
    const symbol = await tickingSymbol(engine!);
    const page = await browser!.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.goto(engine!.dashboard!.url);
    await page.waitForSelector('#connection[data-state="live"]');
    await page.waitForFunction((expected) => document.querySelector('#symbol')?.textContent === expected, symbol);
    const points = async (): Promise<number> => Number(await page.getAttribute('#price-chart', 'data-points'));
    const before = await points();
    await page.waitForFunction((count) => Number(document.querySelector('#price-chart')?.getAttribute('data-points')) >= count + 2, before, {
      timeout: 15_000,
    });
    expect(await page.locator('#ranking tr').count()).toBeGreaterThanOrEqual(1);
    expect(await page.textContent('#ranking')).toContain(symbol);
    expect(await page.locator('#workers tr').count()).toBe(4);

    // A scripted entry: the position shows with its entry, stop and take-profit drawn on the chart.
    await enter(symbol);
    await page.waitForFunction(() => document.querySelector('#position')?.textContent?.startsWith('long ') === true, undefined, { timeout: 15_000 });
    await page.waitForFunction(() => Number(document.querySelector('#price-chart')?.getAttribute('data-levels')) === 3);

    // The page's close: the trip is listed and its entry and exit are marked on the chart.
    expect(await control(page, '#close-button')).toMatch(/^Closed: working orders cancelled and every position closed/);
    await page.waitForFunction((expected) => document.querySelector('#trips')?.textContent?.includes(expected) === true, 'closed by hand', {
      timeout: 15_000,
    });
    expect(await page.textContent('#trips tr')).toContain(symbol);
    await page.waitForFunction(() => Number(document.querySelector('#price-chart')?.getAttribute('data-markers')) >= 2);
    expect((await stats()).execution['halted']).toBe('');

    // The page's halt: the next position (the impulse may still be running: then it is already open) is
    // flattened and entries stop, with the reason on the page.
    await enter(symbol);
    expect(await control(page, '#halt-button')).toMatch(/^Halted:/);
    await until(async () => ((await stats()).execution['positionSide'] === 'flat' ? true : undefined), 'the halt to flatten');
    expect(String((await stats()).execution['halted'])).toMatch(/^kill switch: the dashboard/);
    await page.waitForSelector('#halt-banner:not([hidden])');
    expect(await page.textContent('#halt-banner')).toMatch(/^TRADING HALTED: kill switch: the dashboard/);
    const journal = engine!.journal!;
    expect(journal.haltInForce(Date.now())?.reason).toMatch(/^kill switch: the dashboard/);

    // Resume lifts it (journaled: a restart would not restore it).
    expect(await control(page, '#resume-button')).toBe('Resumed: entries are allowed again.');
    await page.waitForSelector('#halt-banner[hidden]', { state: 'attached' });
    journal.flush();
    expect(journal.haltInForce(Date.now())).toBeNull();
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);

  it('refuses a control without the CSRF token or from another origin, even with the cookie', async () => {
    const page = await browser!.newPage();
    await page.goto(engine!.dashboard!.url);
    const base = `http://${engine!.dashboard!.address}`;
    const answers = await page.evaluate(async (url) => {
      const post = async (headers: Record<string, string>) =>
        (
          await fetch(`${url}/api/control/halt`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...headers },
            body: '{"confirm":true}',
          })
        ).status;
      const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
      const unconfirmed = (
        await fetch(`${url}/api/control/halt`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': csrf }, body: '{}' })
      ).status;
      return { noCsrf: await post({}), wrongCsrf: await post({ 'x-csrf-token': 'guess' }), unconfirmed };
    }, base);
    expect(answers).toEqual({ noCsrf: 403, wrongCsrf: 403, unconfirmed: 400 });
    // A page of another origin (the same browser, so the same cookie jar) cannot use the cookie.
    const other = await page.request.post(`${base}/api/control/halt`, {
      headers: { origin: 'http://evil.example', 'content-type': 'application/json', 'x-csrf-token': 'x' },
      data: { confirm: true },
    });
    expect(other.status()).toBe(403);
    expect((await stats()).execution['halted']).toBe('');
    await page.close();
  }, 30_000);

  it('reconnects by itself when the engine restarts (the same address and token)', async () => {
    const port = await freePort();
    const access = { listen: `127.0.0.1:${port}`, host: '127.0.0.1', port, token: 'a-token-kept-across-restarts-0001', tokenSource: 'test' };
    const args = ['--dashboard.listen', access.listen, '--dashboard.updateIntervalMs', '250', ...calmSimArgs];
    let first: RunningEngine | null = await startQuietEngine(args, { dashboard: access });
    let second: RunningEngine | null = null;
    const page = await browser!.newPage();
    try {
      await page.goto(first.dashboard!.url);
      await page.waitForSelector('#connection[data-state="live"]');
      await first.stop('restart drill');
      first = null;
      await page.waitForSelector('#connection:not([data-state="live"])');
      second = await startQuietEngine(args, { dashboard: access });
      const restartedAt = Date.now();
      await page.waitForFunction(
        (since) => {
          const connection = document.querySelector('#connection');
          return connection?.getAttribute('data-state') === 'live' && Number(connection.getAttribute('data-updated-at')) >= since;
        },
        restartedAt,
        { timeout: 30_000 },
      );
    } finally {
      await page.close();
      await first?.stop('test over');
      await second?.stop('test over');
    }
  }, 90_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
