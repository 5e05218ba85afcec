import { describe, expect, it } from '@jest/globals';
import { historyPage, historySpan, historyWindowMs } from './history-page.js';

const now = 1_800_000_000_000;
const dayMs = 86_400_000;
/** Newest first, one an hour back to 10 days ago. */
const items = Array.from({ length: 240 }, (_, i) => ({ id: `e${i}`, timeMs: now - i * 3_600_000 }));
const item = { timeMs: (value: { timeMs: number }) => value.timeMs, id: (value: { id: string }) => value.id };

describe('Bybit history windows and pages', () => {
  it('reads the last 7 days without times, 7 days from a startTime, 7 days up to an endTime', () => {
    expect(historySpan({}, now)).toEqual({ fromMs: now - historyWindowMs, toMs: now });
    expect(historySpan({ startTime: String(now - 9 * dayMs) }, now)).toEqual({ fromMs: now - 9 * dayMs, toMs: now - 2 * dayMs });
    expect(historySpan({ endTime: String(now - dayMs) }, now)).toEqual({ fromMs: now - 8 * dayMs, toMs: now - dayMs });
  });

  it('refuses a span over 7 days, an end before the start, a bad time and a bad limit with 10001', () => {
    expect(historySpan({ startTime: String(now - 8 * dayMs), endTime: String(now) }, now)).toMatchObject({ retCode: 10001 });
    expect(historySpan({ startTime: String(now), endTime: String(now - 1) }, now)).toMatchObject({ retCode: 10001 });
    expect(historySpan({ startTime: '1e12' }, now)).toMatchObject({ retCode: 10001 });
    expect(historyPage(items, item, { limit: '101' }, now)).toMatchObject({ retCode: 10001 });
    expect(historyPage(items, item, { limit: '0' }, now)).toMatchObject({ retCode: 10001 });
  });

  it('pages newest first by cursor until the cursor is empty, handing out each item of the span once', () => {
    const seen: string[] = [];
    let cursor = '';
    for (let page = 0; page < 10; page++) {
      const answer = historyPage(items, item, { startTime: String(now - 3 * dayMs), endTime: String(now), limit: '30', cursor }, now);
      if ('retCode' in answer) throw new Error(answer.retMsg);
      seen.push(...answer.list.map((value) => value.id));
      cursor = answer.nextPageCursor;
      if (cursor === '') break;
    }
    // 0 h to 72 h back inclusive: 73 items, newest first.
    expect(seen).toEqual(items.slice(0, 73).map((value) => value.id));
  });

  it('defaults to 50 a page and refuses a cursor it never handed out', () => {
    const first = historyPage(items, item, {}, now);
    if ('retCode' in first) throw new Error(first.retMsg);
    expect(first.list).toHaveLength(50);
    expect(first.nextPageCursor).toBe('e49');
    expect(historyPage(items, item, { cursor: 'nope' }, now)).toMatchObject({ retCode: 10001 });
  });
});
