import { describe, expect, it } from '@jest/globals';
import { deriveSeed, SeededRandom, seedFromString } from './seeded-random.js';

function draws(seed: number, count: number): number[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: count }, () => rng.nextUint32());
}

describe('seeded random', () => {
  it('replays the same sequence for the same seed', () => {
    expect(draws(42, 1000)).toEqual(draws(42, 1000));
  });

  it('gives different sequences for neighbouring seeds', () => {
    const a = draws(1, 100);
    const b = draws(2, 100);
    expect(a.filter((value, i) => value === b[i]).length).toBeLessThan(3);
  });

  it('refuses a seed that is not a finite number', () => {
    expect(() => new SeededRandom(Number.NaN)).toThrow(/finite/);
  });

  it('draws uniforms in [0, 1) with a flat histogram', () => {
    const rng = new SeededRandom(7);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      else bins[Math.floor(u * 10)]! += 1;
    }
    expect(outside).toBe(0);
    for (const count of bins) expect(Math.abs(count - n / 10)).toBeLessThan(n / 100);
  });

  it('draws integers in [0, bound) and covers every value', () => {
    const rng = new SeededRandom(9);
    const seen = new Set<number>();
    for (let i = 0; i < 10_000; i++) seen.add(rng.nextInt(7));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(() => rng.nextInt(0)).toThrow(/bound/);
    expect(() => rng.nextInt(2.5)).toThrow(/bound/);
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = new SeededRandom(11);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let beyondTwo = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) > 2) beyondTwo++;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
    expect(beyondTwo / n).toBeCloseTo(0.0455, 2);
  });

  it('draws exponentials with the asked mean', () => {
    const rng = new SeededRandom(13);
    const n = 100_000;
    let sum = 0;
    let invalid = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.exponential(4);
      if (!(x >= 0 && Number.isFinite(x))) invalid++;
      sum += x;
    }
    expect(invalid).toBe(0);
    expect(sum / n).toBeCloseTo(0.25, 2);
  });

  it('derives stable, distinct seeds from labels', () => {
    expect(seedFromString('BTCUSDT')).toBe(seedFromString('BTCUSDT'));
    expect(seedFromString('BTCUSDT')).not.toBe(seedFromString('ETHUSDT'));
    expect(deriveSeed(1, 'BTCUSDT/price')).not.toBe(deriveSeed(1, 'BTCUSDT/book'));
    expect(deriveSeed(1, 'BTCUSDT/price')).not.toBe(deriveSeed(2, 'BTCUSDT/price'));
  });
});
