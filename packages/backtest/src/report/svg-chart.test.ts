// Tests of the inline SVG chart helper (main thread): thinning that keeps spikes, axes, empty charts.

import { describe, expect, it } from '@jest/globals';
import { renderChart, thinPoints } from './svg-chart.js';

describe('thinPoints', () => {
  it('keeps short series as they are', () => {
    const points = [
      { x: 0, y: 1 },
      { x: 1, y: 2 },
    ];
    expect(thinPoints(points, 10)).toBe(points);
  });

  it('keeps at most the limit, the first and last points, and a one-point spike', () => {
    const points = Array.from({ length: 100_000 }, (_, i) => ({ x: i, y: i === 54_321 ? 999 : i === 12_345 ? -999 : 0 }));
    const thinned = thinPoints(points, 2000);
    expect(thinned.length).toBeLessThanOrEqual(2000);
    expect(thinned[0]).toEqual({ x: 0, y: 0 });
    expect(thinned[thinned.length - 1]).toEqual({ x: 99_999, y: 0 });
    expect(thinned).toContainEqual({ x: 54_321, y: 999 });
    expect(thinned).toContainEqual({ x: 12_345, y: -999 });
    const xs = thinned.map((p) => p.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });
});

describe('renderChart', () => {
  it('labels time ticks as HH:MM:SS and draws one path per line', () => {
    const t0 = Date.UTC(2026, 0, 1, 9, 0, 0);
    const svg = renderChart({
      label: 'x',
      xAxis: 'time',
      lines: [
        {
          points: [
            { x: t0, y: 1 },
            { x: t0 + 600_000, y: 2 },
          ],
          color: '#000',
        },
      ],
    });
    expect(svg).toContain('>09:00:00<');
    expect(svg).toContain('>09:10:00<');
    expect(svg.match(/<path /g)).toHaveLength(1);
  });

  it('says so when there is nothing to draw, and survives a single point', () => {
    expect(renderChart({ label: 'x', xAxis: 'value', emptyText: 'nothing here' })).toContain('nothing here');
    const svg = renderChart({ label: 'x', xAxis: 'value', markers: [{ x: 5, y: 5, color: 'red' }] });
    expect(svg).not.toContain('NaN');
    expect(svg).toContain('<circle');
  });
});
