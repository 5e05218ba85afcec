// Benchmark: cost of classifying Bybit WebSocket frames (and parsing their trades) next to a bare JSON.parse of
// the same text, in ns per frame. Inputs are the documented fixtures.
import { readFileSync } from 'node:fs';
import { classifyWsFrame, parseWsTrade } from '@scalper/bybit';
import { summarise } from './stats.mjs';

const fixture = (name) => JSON.parse(readFileSync(new URL(`../../packages/bybit/fixtures/${name}`, import.meta.url), 'utf8')).payload;

function tradeFrame(count) {
  const frame = fixture('ws_public_trade_docs.json');
  const item = frame.data[0];
  frame.data = Array.from({ length: count }, (_, i) => ({ ...item, i: `${item.i.slice(0, -4)}${String(i).padStart(4, '0')}`, seq: item.seq + i }));
  return JSON.stringify(frame);
}

let sink = 0;
function nsPerOp(fn, text, iterations) {
  for (let i = 0; i < 20_000; i++) sink += fn(text);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) sink += fn(text);
  return Number(process.hrtime.bigint() - start) / iterations;
}

const bareParse = (text) => (JSON.parse(text) === null ? 0 : 1);
const classifyAndParse = (text) => {
  const frame = classifyWsFrame(text);
  if (frame.kind !== 'trade') return frame.kind.length;
  let ok = 0;
  for (const item of frame.data) if (parseWsTrade(item).ok) ok++;
  return ok;
};
const classifyOnly = (text) => classifyWsFrame(text).kind.length;

export async function benchFrameParsing({ quick = false } = {}) {
  const repetitions = quick ? 3 : 5;
  const iterations = quick ? 100_000 : 300_000;
  const inputs = [
    ['publicTrade, 1 trade', tradeFrame(1), classifyAndParse],
    ['publicTrade, 20 trades', tradeFrame(20), classifyAndParse],
    ['orderbook.50 delta', JSON.stringify(fixture('ws_orderbook50_delta_docs.json')), classifyOnly],
  ];
  const rows = [];
  for (const [name, text, ours] of inputs) {
    const bare = [];
    const mine = [];
    for (let r = 0; r < repetitions; r++) {
      bare.push(nsPerOp(bareParse, text, iterations));
      mine.push(nsPerOp(ours, text, iterations));
    }
    const b = summarise(bare);
    const m = summarise(mine);
    rows.push([
      name,
      text.length,
      `${b.min.toFixed(0)} / ${b.median.toFixed(0)} / ${b.max.toFixed(0)}`,
      `${m.min.toFixed(0)} / ${m.median.toFixed(0)} / ${m.max.toFixed(0)}`,
      `${(m.median / b.median).toFixed(2)}x`,
    ]);
  }
  if (sink === 42) console.log('');
  return {
    title: 'Frame parsing: classifyWsFrame (+ parseWsTrade per trade) vs bare JSON.parse (ns per frame)',
    header: ['frame', 'bytes', 'JSON.parse min / median / max', 'classifier min / median / max', 'median ratio'],
    rows,
    note: `${repetitions} runs of ${iterations.toLocaleString('en')} frames each, after a warm-up.`,
  };
}
