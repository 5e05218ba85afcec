// Benchmark: trades per second from one worker_thread to another through the SharedArrayBuffer tick ring,
// next to postMessage of the same trades as objects. Both run in this process, one after the other, repeated.
import { runPostMessagePump, runRingPump } from '@scalper/protocol/ring-pumps';
import { formatRate, summarise } from './stats.mjs';

export async function benchRingThroughput({ quick = false } = {}) {
  const repetitions = quick ? 3 : 5;
  const ringCount = quick ? 2_000_000 : 5_000_000;
  const postCount = quick ? 200_000 : 500_000;
  const ring = [];
  const post = [];
  for (let i = 0; i < repetitions; i++) {
    const r = await runRingPump({ count: ringCount, capacity: 65_536, overflow: 'drop-oldest', lossless: true });
    if (r.consumer.received !== ringCount || r.consumer.gaps !== 0 || r.consumer.torn !== 0) {
      throw new Error(`ring run ${i} lost or damaged entries: ${JSON.stringify(r.consumer)}`);
    }
    ring.push(r.entriesPerSecond);
    const p = await runPostMessagePump(postCount);
    if (p.received !== postCount || p.outOfOrder !== 0) throw new Error(`postMessage run ${i} lost entries`);
    post.push(p.entriesPerSecond);
  }
  const ringStats = summarise(ring);
  const postStats = summarise(post);
  return {
    title: 'Thread handoff: tick ring vs postMessage (entries/s, one worker_thread to another)',
    header: ['path', 'entries per run', 'min', 'median', 'max', 'runs'],
    rows: [
      [
        'SharedArrayBuffer tick ring (capacity 65536)',
        ringCount,
        ...[ringStats.min, ringStats.median, ringStats.max].map(formatRate),
        ringStats.runs,
      ],
      ['postMessage, one object per trade', postCount, ...[postStats.min, postStats.median, postStats.max].map(formatRate), postStats.runs],
    ],
    note: `median ratio ring / postMessage: ${(ringStats.median / postStats.median).toFixed(1)}x`,
  };
}
