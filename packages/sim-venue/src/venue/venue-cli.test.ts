// Runs `pnpm venue`'s compiled entry as its own process, as a user or the soak runner would.

import { describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { parseVenueArgs } from './venue-cli-args.js';

const cli = fileURLToPath(new URL('./venue-cli.js', import.meta.url));

describe('pnpm venue', () => {
  it('prints its URLs as the first JSON line, serves, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, '--seed', '5', '--rate', '10', '--api-key', 'cli-key-123', '--api-secret', 'cli-secret-123456'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const [firstChunk] = (await once(child.stdout, 'data')) as [Buffer];
    const first = JSON.parse(firstChunk.toString('utf8').split('\n')[0] as string) as Record<string, string>;
    expect(first).toMatchObject({
      restUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/),
      wsPublicUrl: expect.stringContaining('/v5/public/linear'),
      wsPrivateUrl: expect.stringContaining('/v5/private'),
      apiKey: 'cli-key-123',
    });
    const time = (await (await fetch(`${first['restUrl']}/v5/market/time`)).json()) as { retCode: number };
    expect(time.retCode).toBe(0);
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
  });

  it("prints its usage on --help, after pnpm's -- too, and exits 2 naming an unknown argument", () => {
    for (const args of [['--help'], ['--', '--help']]) {
      const help = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 10_000 });
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/^usage: pnpm venue \[--port N\]/);
    }
    const bad = spawnSync(process.execPath, [cli, '--', '--speed', '3'], { encoding: 'utf8', timeout: 10_000 });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^venue: unknown argument --speed; usage: pnpm venue /);
  });
});

describe('parseVenueArgs', () => {
  it('reads every option and refuses bad ones with a clear message', () => {
    expect(
      parseVenueArgs([
        '--port',
        '9000',
        '--seed',
        '3',
        '--rate',
        '5000',
        '--balance',
        '2500.5',
        '--fault',
        'stallSec=30',
        '--fault',
        'http503Probability=0.05',
      ]),
    ).toEqual({
      port: 9000,
      host: '127.0.0.1',
      seed: 3,
      tradesPerSecondPerSymbol: 5000,
      startingBalance: '2500.5',
      faults: ['stallSec=30', 'http503Probability=0.05'],
    });
    expect(parseVenueArgs(['--replay', '/tmp/rec.jsonl.gz', '--replay-speed', 'max'])).toMatchObject({
      replay: { file: '/tmp/rec.jsonl.gz', speed: 'max' },
    });
    expect(parseVenueArgs(['--steady-rate', '--tick-ms', '1', '--rate', '20000'])).toMatchObject({
      steadyTradeRate: true,
      tickIntervalMs: 1,
      tradesPerSecondPerSymbol: 20_000,
    });
    expect(() => parseVenueArgs(['--tick-ms', '0'])).toThrow('--tick-ms must be from 1 to 1000, got 0');
    expect(parseVenueArgs(['--replay', 'rec.jsonl'])).toMatchObject({ replay: { file: 'rec.jsonl', speed: 1 } });
    expect(() => parseVenueArgs(['--replay', 'rec.jsonl', '--replay-speed', 'fast'])).toThrow(/max or a positive factor/);
    expect(() => parseVenueArgs(['--port', '70000'])).toThrow('--port must be from 0 to 65535, got 70000');
    expect(() => parseVenueArgs(['--host', '0.0.0.0'])).toThrow(/this machine only/);
    expect(() => parseVenueArgs(['--api-key', 'k'])).toThrow(/go together/);
    expect(() => parseVenueArgs(['--speed', '3'])).toThrow(/unknown argument --speed/);
  });

  it("reads the same options with or without pnpm's -- separators", () => {
    expect(parseVenueArgs(['--', '--port', '0', '--', '--seed', '3', '--steady-rate'])).toEqual(
      parseVenueArgs(['--port', '0', '--seed', '3', '--steady-rate']),
    );
    expect(parseVenueArgs(['--'])).toEqual(parseVenueArgs([]));
  });
});
