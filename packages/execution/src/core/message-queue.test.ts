// Tests of the execution runtime's queue (Jest thread): one item at a time in arrival order, a failed item does not
// stop the ones behind it, and the stats say what is in flight and how many wait.

import { describe, expect, it } from '@jest/globals';
import { MessageQueue } from './message-queue.js';

describe('MessageQueue', () => {
  it('handles items one at a time, in arrival order, and says what is in flight', async () => {
    const events: string[] = [];
    let release: () => void = () => undefined;
    let now = 0;
    const queue = new MessageQueue<string>(
      async (item) => {
        events.push(`start ${item}`);
        if (item === 'a') await new Promise<void>((resolve) => (release = resolve));
        events.push(`end ${item}`);
      },
      () => now,
    );
    const done = [queue.push('a'), queue.push('b'), queue.push('c')];
    await new Promise((resolve) => setImmediate(resolve));
    now = 40;
    expect(queue.inFlight()).toEqual({ item: 'a', forMs: 40 });
    expect(queue.waiting()).toBe(2);
    release();
    await Promise.all(done);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(queue.inFlight()).toBeNull();
  });

  it('keeps going after an item that fails, and drained() waits for everything pushed', async () => {
    const handled: string[] = [];
    const queue = new MessageQueue<string>(
      async (item) => {
        if (item === 'bad') throw new Error('bug');
        handled.push(item);
      },
      () => 0,
    );
    const bad = queue.push('bad');
    void queue.push('good');
    await expect(bad).rejects.toThrow('bug');
    await queue.drained();
    expect(handled).toEqual(['good']);
  });
});
