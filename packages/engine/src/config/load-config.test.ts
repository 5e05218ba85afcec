import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { ConfigError } from './config-error.js';
import { loadConfig } from './load-config.js';

const keys = { BYBIT_API_KEY: 'testkey-0123456789', BYBIT_API_SECRET: 'testsecret-0123456789abcdef' };

function load(argv: string[] = [], env: Record<string, string> = {}, configDir = repositoryConfigDir) {
  return loadConfig({ argv, env, configDir });
}

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function userFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'scalper-config-'));
  const path = join(dir, 'user.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('loadConfig', () => {
  it("loads the shipped defaults for the sim environment with the seed's numbers", () => {
    const { config, files } = load();
    expect(files.map((f) => f.split('/').pop())).toEqual(['default.json', 'sim.json']);
    expect(config.venue.kind).toBe('sim');
    expect(config.scanner).toMatchObject({ intervalMs: 60_000, switchThreshold: 1.2, whitelistBoost: 1.3 });
    expect(config.strategy).toMatchObject({ windowTicks: 20, momentumThreshold: 0.001, stopLossPercent: 0.5, staleDataMs: 500 });
    expect(config.channels).toEqual({ commands: 32, data: 1000, execution: 100 });
    expect(config.strategy.positionSizeUsd).toBe('1000');
    expect(Object.isFrozen(config.strategy)).toBe(true);
  });

  it('takes testnet URLs from config/testnet.json and credentials from the environment', () => {
    const { config } = load([], { SCALPER_ENV: 'testnet', ...keys });
    expect(config.venue).toMatchObject({ kind: 'bybit', restUrl: 'https://api-testnet.bybit.com' });
    expect(config.credentials.apiSecret).toBe(keys.BYBIT_API_SECRET);
  });

  it('takes Bybit demo trading from config/demo.json: its REST and private stream, mainnet public data', () => {
    const { config } = load(['--env', 'demo'], keys);
    expect(config.venue).toMatchObject({
      kind: 'bybit',
      restUrl: 'https://api-demo.bybit.com',
      wsPublicUrl: 'wss://stream.bybit.com/v5/public/linear',
      wsPrivateUrl: 'wss://stream-demo.bybit.com/v5/private',
    });
    expect(config.trading.confirmLive).toBe(false);
    expect(errorOf(() => load(['--env', 'demo'])).message).toMatch(/BYBIT_API_KEY and BYBIT_API_SECRET must be set/);
  });

  it('refuses a real venue without credentials, naming the variables to set', () => {
    expect(errorOf(() => load(['--env', 'testnet'])).message).toMatch(/BYBIT_API_KEY and BYBIT_API_SECRET must be set/);
  });

  it('takes a session recording for the embedded venue and refuses one for a real venue, pointing to pnpm record', () => {
    expect(load(['--venue.kind', 'paper', '--venue.record', 'data/day.jsonl.gz']).config.venue.record).toBe('data/day.jsonl.gz');
    expect(load([]).config.venue.record).toBe('');
    expect(errorOf(() => load(['--env', 'testnet', '--venue.record', 'x.jsonl'], keys)).message).toMatch(
      /venue\.record \(--record\) records the embedded venue.*pnpm record/,
    );
  });

  it('refuses mainnet without the explicit live-trading confirmation', () => {
    expect(errorOf(() => load(['--env', 'live'], keys)).message).toMatch(/real money on Bybit mainnet; confirm with --trading.confirmLive true/);
    expect(load(['--env', 'live', '--trading.confirmLive', 'true'], keys).config.venue.restUrl).toBe('https://api.bybit.com');
  });

  it('lets environment variables override files and arguments override environment variables', () => {
    expect(load([], { SCALPER_STRATEGY_WINDOW_TICKS: '30' }).config.strategy.windowTicks).toBe(30);
    const both = load(['--strategy.windowTicks', '40'], { SCALPER_STRATEGY_WINDOW_TICKS: '30' });
    expect(both.config.strategy.windowTicks).toBe(40);
    expect(load(['--strategy.windowTicks=50']).config.strategy.windowTicks).toBe(50);
    expect(load([], { BYBIT_REST_URL: 'http://127.0.0.1:9999' }).config.venue.restUrl).toBe('http://127.0.0.1:9999');
    expect(load([], { SCALPER_SCANNER_WHITELIST: 'BTCUSDT, ETHUSDT' }).config.scanner.whitelist).toEqual(['BTCUSDT', 'ETHUSDT']);
    expect(load(['--risk.closeOnShutdown', 'false']).config.risk.closeOnShutdown).toBe(false);
  });

  it('reports every bad value on one line with the option, the value and what is allowed', () => {
    const error = errorOf(() => load(['--strategy.windowTicks', 'abc'], { SCALPER_RING_CAPACITY: '1000' }));
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('strategy.windowTicks: must be an integer from 2 to 10000: value was "abc"');
    expect(error.message).toContain('ring.capacity: must be a power of two from 1024 to 4194304: value was 1000');
  });

  it('shows falsy bad values too', () => {
    expect(errorOf(() => load(['--ring.waitTimeoutMs', '0'])).message).toContain('ring.waitTimeoutMs: must be an integer from 1');
    expect(errorOf(() => load(['--ring.waitTimeoutMs', '0'])).message).toContain('value was 0');
    expect(errorOf(() => load(['--scanner.switchThreshold', '1'])).message).toContain('must be a number greater than 1: value was 1');
  });

  it('refuses a boolean typo instead of reading it as true', () => {
    expect(errorOf(() => load(['--risk.closeOnShutdown', 'flase'])).message).toContain('must be true or false: value was "flase"');
  });

  it('refuses money given as a JSON number, which would be a float', () => {
    const path = userFile({ strategy: { positionSizeUsd: 1000.1 } });
    expect(errorOf(() => load(['--config', path])).message).toContain('strategy.positionSizeUsd: must be a positive plain decimal');
  });

  it('refuses unknown options from every source', () => {
    expect(errorOf(() => load(['--strategy.windowtick', '3'])).message).toContain('unknown option --strategy.windowtick');
    expect(errorOf(() => load(['--strategy.windowticks', '3'])).message).toContain('did you mean --strategy.windowTicks?');
    expect(errorOf(() => load([], { SCALPER_STRATEGY_WINDOW: '3' })).message).toContain('unknown environment variable SCALPER_STRATEGY_WINDOW');
    const path = userFile({ strategy: { windowTick: 3 } });
    expect(errorOf(() => load(['--config', path])).message).toContain('strategy.windowTick: unknown option in a config file');
  });

  it('refuses a section where a config file should hold an option value, even when the environment overrides that option', () => {
    const path = userFile({ backtest: { slippageBps: { ' ': false } } });
    const message = errorOf(() => load(['--config', path], { SCALPER_BACKTEST_SLIPPAGE_BPS: '0' })).message;
    expect(message).toContain('backtest.slippageBps');
    expect(message).toContain('holds an object');
  });

  it("refuses a word that is no option's value instead of ignoring it", () => {
    expect(errorOf(() => load(['testnet'])).message).toBe(
      'unexpected argument "testnet": options are --name value; see the Configuration table in README.md',
    );
    expect(errorOf(() => load(['--strategy.windowTicks', '30', '40'])).message).toContain('unexpected argument "40"');
    expect(errorOf(() => load(['--strategy.windowTicks=30', 'x'])).message).toContain('unexpected argument "x"');
    expect(errorOf(() => load(['-v'])).message).toContain('unexpected argument "-v"');
    expect(load(['--strategy.windowTicks', '30']).config.strategy.windowTicks).toBe(30);
  });

  it('keeps credentials out of files and the command line', () => {
    expect(errorOf(() => load(['--credentials.apiSecret', 'x'])).message).toContain('set BYBIT_API_SECRET');
    const path = userFile({ credentials: { apiKey: 'a', apiSecret: 'b' } });
    expect(errorOf(() => load(['--config', path])).message).toContain('holds credentials');
  });

  it('never echoes a sensitive value in an error', () => {
    const error = errorOf(() => load([], { BYBIT_API_SECRET: 'secret with spaces' }));
    expect(error.message).toContain('credentials.apiSecret');
    expect(error.message).not.toContain('secret with spaces');
  });

  it('says where a config file stops being JSON without quoting it, so a .env file given by mistake leaks nothing', () => {
    const secret = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const envFile = userFile(`BYBIT_API_SECRET=${secret}\n`);
    const message = errorOf(() => load(['--config', envFile])).message;
    expect(message).toBe(`cannot read config file ${envFile}: not valid JSON`);
    const broken = userFile(`{\n  "strategy": {"windowTicks": 30},\n  "x": ${secret}\n}`);
    expect(errorOf(() => load(['--config', broken])).message).not.toMatch(/abcdef|BYBIT_API/);
    const trailingComma = userFile(`{"strategy": {"windowTicks": 30},\n}`);
    expect(errorOf(() => load(['--config', trailingComma])).message).toBe(
      `cannot read config file ${trailingComma}: not valid JSON (line 2, column 1)`,
    );
  });

  it('names the file when a config file is unreadable or missing', () => {
    const path = userFile('{ not json');
    expect(errorOf(() => load(['--config', path])).message).toContain(`cannot read config file ${path}`);
    expect(errorOf(() => load(['--config', '/nonexistent/x.json'])).message).toContain('does not exist');
  });

  it('checks rules that span options', () => {
    expect(errorOf(() => load(['--execution.retryMaxDelayMs', '100'])).message).toContain(
      'execution.retryMaxDelayMs (100) must be at least execution.retryBaseDelayMs (2000)',
    );
    expect(errorOf(() => load(['--strategy.positionSizeUsd', '2000.5'])).message).toContain(
      'strategy.positionSizeUsd (2000.5) is above risk.maxPositionNotionalUsd (2000): every entry would be refused',
    );
    expect(load(['--strategy.positionSizeUsd', '2000.0']).config.strategy.positionSizeUsd).toBe('2000'); // equal to the cap is allowed
  });
});
