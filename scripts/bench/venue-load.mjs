#!/usr/bin/env node
// Load run of the embedded venue: starts `pnpm venue` as its own process at a given trade rate, subscribes to
// publicTrade on N symbols from this process, and reports the trades/s received, how far frames lag behind their
// `ts`, and the venue process's CPU share. Usage: node scripts/bench/venue-load.mjs [--seconds 60] [--rate 5000] [--symbols 10]
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import { cpuSecondsOfPid } from './support/engine-process.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export async function runVenueLoad({ seconds = 60, rate = 5000, symbols = 10 } = {}) {
  const cli = new URL('../../packages/sim-venue/dist/venue/venue-cli.js', import.meta.url).pathname;
  const venue = spawn(process.execPath, [cli, '--rate', String(rate), '--seed', '9'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = await once(venue.stdout, 'data');
  const { wsPublicUrl, restUrl } = JSON.parse(chunk.toString().split('\n')[0]);
  const tickers = await (await fetch(`${restUrl}/v5/market/tickers?category=linear`)).json();
  const chosen = tickers.result.list.slice(0, symbols).map((t) => t.symbol);
  const socket = new WebSocket(wsPublicUrl, { perMessageDeflate: false });
  await once(socket, 'open');
  let trades = 0;
  let frames = 0;
  const lags = [];
  let counting = false;
  socket.on('message', (data) => {
    const text = data.toString();
    if (!text.startsWith('{"topic":"publicTrade')) return;
    const frame = JSON.parse(text);
    if (!counting) return;
    frames++;
    trades += frame.data.length;
    if (frames % 10 === 0) lags.push(Date.now() - frame.ts);
  });
  socket.send(JSON.stringify({ op: 'subscribe', args: chosen.slice(0, 10).map((s) => `publicTrade.${s}`) }));
  if (chosen.length > 10) socket.send(JSON.stringify({ op: 'subscribe', args: chosen.slice(10).map((s) => `publicTrade.${s}`) }));
  await new Promise((resolve) => setTimeout(resolve, 2_000)); // warm-up
  counting = true;
  const cpuStart = cpuSecondsOfPid(venue.pid);
  const started = Date.now();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
  const elapsed = (Date.now() - started) / 1_000;
  const cpu = cpuSecondsOfPid(venue.pid) - cpuStart;
  counting = false;
  socket.terminate();
  venue.kill('SIGTERM');
  await once(venue, 'exit');
  lags.sort((a, b) => a - b);
  const pick = (q) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? null;
  return {
    seconds: elapsed,
    symbols: chosen.length,
    configuredPerSymbol: rate,
    tradesPerSecond: Math.round(trades / elapsed),
    framesPerSecond: Math.round(frames / elapsed),
    lagMs: { p50: pick(0.5), p99: pick(0.99), max: lags.at(-1) ?? null },
    venueCpuShareOfOneCore: Number((cpu / elapsed).toFixed(3)),
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const result = await runVenueLoad({ seconds: arg('seconds', 60), rate: arg('rate', 5000), symbols: arg('symbols', 10) });
  console.log(JSON.stringify(result));
}
