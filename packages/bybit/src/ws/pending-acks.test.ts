import { describe, expect, it } from '@jest/globals';
import { type AckResult, PendingAcks } from './pending-acks.js';

function collector(): { results: AckResult[]; settle: (result: AckResult) => void } {
  const results: AckResult[] = [];
  return { results, settle: (result) => results.push(result) };
}

describe('PendingAcks', () => {
  it('settles the request whose req_id the ack echoes, once', () => {
    const acks = new PendingAcks(1_000);
    const a = collector();
    const b = collector();
    acks.expect('1', 'subscribe', a.settle);
    acks.expect('2', 'subscribe', b.settle);
    expect(acks.acknowledge('subscribe', '2', false, 'error:handler not found')).toBe(true);
    expect(acks.acknowledge('subscribe', '2', true, '')).toBe(false);
    expect(b.results).toEqual([{ outcome: 'ack', success: false, retMsg: 'error:handler not found' }]);
    expect(a.results).toEqual([]);
    acks.failAll('closed');
  });

  it('settles the oldest request of the same op when the ack carries no req_id', () => {
    const acks = new PendingAcks(1_000);
    const auth = collector();
    const first = collector();
    const second = collector();
    acks.expect('1', 'auth', auth.settle);
    acks.expect('2', 'subscribe', first.settle);
    acks.expect('3', 'subscribe', second.settle);
    expect(acks.acknowledge('subscribe', null, true, '')).toBe(true);
    expect(acks.acknowledge('auth', '', true, '')).toBe(true);
    expect(first.results).toEqual([{ outcome: 'ack', success: true, retMsg: '' }]);
    expect(auth.results).toHaveLength(1);
    expect(second.results).toEqual([]);
    expect(acks.size).toBe(1);
    acks.failAll('lost');
    expect(second.results).toEqual([{ outcome: 'lost' }]);
  });

  it('does not match an ack of another op or an unknown req_id', () => {
    const acks = new PendingAcks(1_000);
    const a = collector();
    acks.expect('1', 'subscribe', a.settle);
    expect(acks.acknowledge('unsubscribe', '1', true, '')).toBe(false);
    expect(acks.acknowledge('subscribe', '99', true, '')).toBe(false);
    expect(acks.acknowledge('unsubscribe', null, true, '')).toBe(false);
    expect(a.results).toEqual([]);
    acks.failAll('closed');
    expect(a.results).toEqual([{ outcome: 'closed' }]);
  });

  it('times a request out when no ack arrives', async () => {
    const acks = new PendingAcks(20);
    const timedOut = new Promise<AckResult>((resolve) => acks.expect('1', 'subscribe', resolve));
    expect(await timedOut).toEqual({ outcome: 'timeout' });
    expect(acks.size).toBe(0);
    expect(acks.acknowledge('subscribe', '1', true, '')).toBe(false);
  });

  it('refuses a req_id that is already waiting', () => {
    const acks = new PendingAcks(1_000);
    acks.expect('1', 'subscribe', () => {});
    expect(() => acks.expect('1', 'subscribe', () => {})).toThrow('already waiting');
    acks.failAll('closed');
  });
});
