import { describe, expect, it } from '@jest/globals';
import { VenueIds } from './venue-ids.js';

const kUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('venue ids', () => {
  it('are UUID-shaped', () => {
    expect(new VenueIds(7).nextId()).toMatch(kUuid);
  });

  it('repeat exactly for the same seed, so a replay produces the same ids', () => {
    const a = new VenueIds(42);
    const b = new VenueIds(42);
    expect([a.nextId(), a.nextId()]).toEqual([b.nextId(), b.nextId()]);
  });

  it('differ between seeds', () => {
    expect(new VenueIds(1).nextId()).not.toBe(new VenueIds(2).nextId());
  });

  it('never repeat within a venue', () => {
    const ids = new VenueIds(3);
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(ids.nextId());
    expect(seen.size).toBe(20_000);
  });

  it('number executions and positions with one increasing sequence', () => {
    const ids = new VenueIds(3);
    expect([ids.nextSeq(), ids.nextSeq(), ids.nextSeq()]).toEqual([1, 2, 3]);
  });
});
