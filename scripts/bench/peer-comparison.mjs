// Benchmark: the peer SDK most Bybit Node users pick (npm `bybit-api`, WebsocketClient) on the same local feed as our
// engine. The venue runs in this process; the peer runs in its own process (as our engine does), subscribed to
// the symbol our scanner picks, at the latency rates and up the throughput ladder. See peer-bybit-api.mjs.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startVenue } from '@scalper/sim-venue';

const run = promisify(execFile);
const peerScript = new URL('./peer-bybit-api.mjs', import.meta.url).pathname;

async function runPeerAt(rate, symbol, seconds) {
  let sent = 0;
  let counting = false;
  const venue = await startVenue({
    seed: 7,
    tradesPerSecondPerSymbol: rate,
    steadyTradeRate: true,
    tickIntervalMs: 1,
    probe: { tradeFrameSent: (_s, count) => counting && (sent += count) },
  });
  try {
    const warmup = 2;
    setTimeout(() => (counting = true), warmup * 1_000 + 300); // about when the peer starts counting
    const { stdout } = await run(
      process.execPath,
      [peerScript, '--url', venue.wsPublicUrl, '--symbol', symbol, '--seconds', String(seconds), '--warmup', String(warmup)],
      {
        maxBuffer: 1 << 20,
      },
    );
    const result = JSON.parse(stdout);
    const venuePerSecond = sent / seconds;
    const lag = result.lagMs;
    const held = result.tradesPerSecond >= 0.99 * Math.min(rate, venuePerSecond) && lag.lastQuarterP50 <= Math.max(50, 2 * lag.firstQuarterP50);
    return { rate, ...result, held };
  } finally {
    await venue.close();
  }
}

/** `ours`: { latency: [{ rate, p50, p99, max }], bestRate } from the frame-to-decision and throughput benchmarks. */
export async function benchPeer({ quick = false, symbol, ours }) {
  const latencySeconds = quick ? 3 : 15;
  const ladderSeconds = quick ? 5 : 10;
  const rows = [];
  for (const rate of [1_000, 20_000]) {
    const peer = await runPeerAt(rate, symbol, latencySeconds);
    const mine = ours.latency.find((r) => r.rate === rate);
    const c = peer.callbackLatencyUs;
    rows.push([
      `${rate.toLocaleString('en-US')} trades/s`,
      `${c.p50} / ${c.p99} / ${c.max}`,
      mine ? `${mine.p50} / ${mine.p99} / ${mine.max}` : 'n/a',
      peer.heartbeat.reconnects,
    ]);
  }
  const ladder = quick ? [100_000, 200_000] : [100_000, 200_000, 300_000, 400_000];
  let peerBest = null;
  const ladderNotes = [];
  for (const rate of ladder) {
    const peer = await runPeerAt(rate, symbol, ladderSeconds);
    ladderNotes.push(
      `${rate / 1_000}k: ${peer.tradesPerSecond.toLocaleString('en-US')}/s, lag p50 ${peer.lagMs.firstQuarterP50} → ${peer.lagMs.lastQuarterP50} ms${peer.held ? '' : ' (not held)'}`,
    );
    if (!peer.held) break;
    peerBest = peer.tradesPerSecond;
  }
  rows.push([
    'highest rate held (same ladder, same rule)',
    peerBest === null ? 'none' : `${peerBest.toLocaleString('en-US')} trades/s`,
    ours.bestRate === undefined ? 'none' : `${ours.bestRate.toLocaleString('en-US')} trades/s`,
    '',
  ]);
  return {
    title: 'Peer side by side: bybit-api WebsocketClient (receipt → its update callback) vs ours (receipt → strategy decision, across a thread)',
    header: ['load', 'bybit-api p50 / p99 / max µs', 'ours p50 / p99 / max µs', 'peer reconnects'],
    rows,
    note:
      'bybit-api 4.7.7, pointed at the venue with its documented `wsUrl` option, in its own process; latency from the raw socket ' +
      "message (a listener placed ahead of the client's own) to its 'update' callback, per frame. Ours is per trade, from market-data's " +
      `frame receipt to strategy's decision in another thread (the frame-to-decision rows above). Peer ladder (${ladderSeconds} s steps): ${ladderNotes.join('; ')}. ` +
      'Target: we sustain a higher rate and have a lower p50.',
  };
}
