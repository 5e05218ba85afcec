import { describe, expect, it } from '@jest/globals';
import { chunkTopics, distinctTopics, foldFailures } from './topic-requests.js';
import { WsClosedError, WsSubscriptionError } from './ws-errors.js';

describe('topic requests', () => {
  it('keeps the first occurrence of each topic, in order', () => {
    expect(distinctTopics('pub', 'subscribe', ['b', 'a', 'b', 'c', 'a'])).toEqual(['b', 'a', 'c']);
  });

  it('rejects an empty topic with the connection and op in the message', () => {
    expect(() => distinctTopics('pub', 'unsubscribe', ['a', ''])).toThrow('pub: unsubscribe needs non-empty topic');
  });

  it('chunks topics into requests of at most the given size', () => {
    expect(chunkTopics(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(chunkTopics([], 10)).toEqual([]);
  });

  it('returns null when every chunk succeeded and the single failure as it is', () => {
    expect(foldFailures('pub', 'subscribe', [{ status: 'fulfilled', value: undefined }])).toBeNull();
    const closed = new WsClosedError('pub', 'close() called');
    const outcomes: PromiseSettledResult<unknown>[] = [
      { status: 'fulfilled', value: undefined },
      { status: 'rejected', reason: closed },
    ];
    expect(foldFailures('pub', 'subscribe', outcomes)).toBe(closed);
  });

  it('folds several refused chunks into one error naming every refused topic', () => {
    const refused = (topics: string[]): WsSubscriptionError => new WsSubscriptionError('pub', 'subscribe', topics, 'error:handler not found');
    const outcomes: PromiseSettledResult<unknown>[] = [
      { status: 'rejected', reason: refused(['a', 'b']) },
      { status: 'fulfilled', value: undefined },
      { status: 'rejected', reason: refused(['e']) },
    ];
    const error = foldFailures('pub', 'subscribe', outcomes);
    expect(error).toBeInstanceOf(WsSubscriptionError);
    expect((error as WsSubscriptionError).topics).toEqual(['a', 'b', 'e']);
    expect((error as WsSubscriptionError).retMsg).toBe('error:handler not found');
    expect((error as Error).message).toBe('pub: subscribe a, b, e failed: error:handler not found');
  });
});
