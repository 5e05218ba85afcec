// The Grafana dashboard in docs/grafana/ against the metrics the engine serves (Jest thread): every series a panel
// queries is a family the engine exposes, every family has a panel, and the panels do not overlap on the grid.

import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repositoryConfigDir } from '../cli/config-dir.js';
import { engineMetricFamilies } from './engine-metrics.js';

interface Panel {
  readonly id: number;
  readonly title: string;
  readonly gridPos: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly targets: readonly { readonly expr: string }[];
}

const dashboard = JSON.parse(readFileSync(join(dirname(repositoryConfigDir), 'docs', 'grafana', 'scalper-dashboard.json'), 'utf8')) as {
  readonly panels: readonly Panel[];
};
const families = new Set(engineMetricFamilies.map((family) => family.name));
const queried = (panel: Panel) =>
  panel.targets.flatMap((target) => [...target.expr.matchAll(/\bscalper_[a-z_]+/g)].map(([name]) => name.replace(/_(bucket|sum|count)$/, '')));

describe('docs/grafana/scalper-dashboard.json', () => {
  it('queries only families the engine serves, and shows every one of them', () => {
    const used = new Set(dashboard.panels.flatMap(queried));
    expect([...used].filter((name) => !families.has(name))).toEqual([]);
    expect([...families].filter((name) => !used.has(name))).toEqual([]);
  });

  it('has unique panel ids and no two panels on the same grid cells', () => {
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    const cells = new Set<string>();
    for (const { gridPos, title } of dashboard.panels) {
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          expect({ title, cell: cells.has(`${x},${y}`) }).toEqual({ title, cell: false });
          cells.add(`${x},${y}`);
        }
      }
      expect(gridPos.x + gridPos.w).toBeLessThanOrEqual(24);
    }
  });
});
