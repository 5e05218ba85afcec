// Benchmark: the strategy core's per-tick cost and allocation over millions of ticks (a pre-built random walk
// through one reused RingEntry), next to the same windowed VWAP momentum done with big.js per tick, which is why Big
// stays off the hot path. Needs node --expose-gc for the heap figures (pnpm bench passes it).
import Big from 'big.js';
import { PerformanceObserver } from 'node:perf_hooks';
import { createRingEntry, ringLayout, toSymbol, toDecimalString } from '@scalper/protocol';
import { defaultStrategyParams, StrategyCore } from '@scalper/strategy';
import { summarise } from './stats.mjs';

const symbol = toSymbol('SUIUSDT');
const scale = { symbol, tickSize: toDecimalString('0.0001'), qtyStep: toDecimalString('0.1'), priceDecimals: 4, sizeDecimals: 1 };

function walk(count) {
  const prices = new Float64Array(count);
  let price = 50_000; // 5.0000 at 4 decimals
  let seed = 12345;
  for (let i = 0; i < count; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    price += (seed % 3) - 1; // one tick up, down or flat: momentum stays small, the core runs its full path
    prices[i] = price;
  }
  return prices;
}

function readyCore(now) {
  const core = new StrategyCore(defaultStrategyParams);
  core.onSymbolChanged({ previous: null, symbol, epoch: 1, scale }, now);
  core.onFeedStatus({ state: 'live', reason: 'bench', tsEventMs: now }, now);
  const book = createRingEntry();
  Object.assign(book, { kind: ringLayout.kEntryBook, priceRaw: 49_999, askPriceRaw: 50_001, sizeRaw: 5_000, askSizeRaw: 5_000 });
  Object.assign(book, { epoch: 1, priceDecimals: 4, sizeDecimals: 1, tsEventMs: now, tsRecvMs: now });
  core.onBook(book, now);
  return core;
}

function runCore(prices) {
  const now = 1_700_000_000_000;
  const core = readyCore(now);
  const tick = createRingEntry();
  tick.sizeRaw = 10;
  tick.epoch = 1;
  tick.side = 1;
  tick.priceDecimals = 4;
  tick.sizeDecimals = 1;
  tick.tsEventMs = now;
  tick.tsRecvMs = now;
  let actions = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < prices.length; i++) {
    tick.priceRaw = prices[i];
    tick.seq = i + 1;
    if (core.onTick(tick, now) !== null) actions++;
  }
  return { ns: Number(process.hrtime.bigint() - started) / prices.length, actions };
}

function runBig(prices, window = 20) {
  const ring = new Array(window);
  let count = 0;
  let sink = 0;
  const started = process.hrtime.bigint();
  for (let i = 0; i < prices.length; i++) {
    ring[i % window] = { price: new Big(prices[i]).div(10_000), size: new Big(1) };
    if (++count < window) continue;
    let pv = new Big(0);
    let v = new Big(0);
    for (const entry of ring) {
      pv = pv.plus(entry.price.times(entry.size));
      v = v.plus(entry.size);
    }
    const vwap = pv.div(v);
    if (ring[i % window].price.minus(vwap).div(vwap).abs().gt('0.001')) sink++;
  }
  return { ns: Number(process.hrtime.bigint() - started) / prices.length, actions: sink };
}

function measured(fn) {
  let gcs = 0;
  const observer = new PerformanceObserver((list) => (gcs += list.getEntries().length));
  observer.observe({ entryTypes: ['gc'] });
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const result = fn();
  const heapAfter = process.memoryUsage().heapUsed;
  observer.disconnect();
  return { ...result, gcs, heapDeltaBytes: heapAfter - heapBefore };
}

export async function benchStrategyCore({ quick = false } = {}) {
  const repetitions = quick ? 3 : 5;
  const ticks = quick ? 2_000_000 : 10_000_000;
  const bigTicks = quick ? 100_000 : 300_000;
  const prices = walk(ticks);
  runCore(prices.subarray(0, 200_000)); // warm-up
  const core = [];
  const big = [];
  let lastCore = null;
  for (let r = 0; r < repetitions; r++) {
    lastCore = measured(() => runCore(prices));
    // GC entries arrive asynchronously: give the observer a turn before reading the count.
    await new Promise((resolve) => setImmediate(resolve));
    core.push(lastCore.ns);
    big.push(measured(() => runBig(prices.subarray(0, bigTicks))).ns);
  }
  const c = summarise(core);
  const b = summarise(big);
  const fmt = (s) => `${s.min.toFixed(1)} / ${s.median.toFixed(1)} / ${s.max.toFixed(1)}`;
  return {
    title: 'Strategy core: ns per tick (StrategyCore.onTick on scaled integers vs the same VWAP momentum with big.js)',
    header: ['path', 'ticks per run', 'ns per tick min / median / max', 'runs'],
    rows: [
      ['StrategyCore.onTick (Float64 window, scaled integers)', ticks, fmt(c), c.runs],
      ['VWAP momentum with big.js per tick (baseline)', bigTicks, fmt(b), b.runs],
    ],
    note: `Last core run: ${lastCore.gcs} GC events during ${ticks.toLocaleString('en')} ticks, heap delta ${lastCore.heapDeltaBytes} bytes${globalThis.gc ? '' : ' (run with --expose-gc for a settled heap)'}.`,
  };
}
