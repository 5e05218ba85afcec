// Tests of the sweep grid (main thread): parseGrid's axes with exact decimal steps and resolved option paths, its
// GridErrors for unknown names and bad ranges, and gridPoints/pointArgs' stable order.

import { describe, expect, it, jest } from '@jest/globals';
import { GridError, gridPoints, maxCombinations, parseGrid, pointArgs, resolveOptionPath } from './grid-spec.js';

/** The GridError parseGrid throws for `text` (fails the test when it throws nothing or something else). */
function gridError(text: string): GridError {
  try {
    parseGrid(text);
  } catch (error) {
    if (error instanceof GridError) return error;
    throw error;
  }
  throw new Error(`parseGrid accepted ${JSON.stringify(text)}`);
}

describe('parseGrid', () => {
  it('expands the issue’s example into 6 x 3 values with exact decimal strings', () => {
    const axes = parseGrid('momentumThreshold=0.0005:0.003:0.0005,stopLossPercent=0.3,0.5,1');
    expect(axes).toEqual([
      { path: 'strategy.momentumThreshold', name: 'momentumThreshold', values: ['0.0005', '0.001', '0.0015', '0.002', '0.0025', '0.003'] },
      { path: 'strategy.stopLossPercent', name: 'stopLossPercent', values: ['0.3', '0.5', '1'] },
    ]);
    expect(gridPoints(axes)).toHaveLength(18);
  });

  it('steps 0.1 ten times to exactly 1, where adding floats would drift (0.30000000000000004)', () => {
    const [axis] = parseGrid('stopLossPercent=0.1:1:0.1');
    expect(axis?.values).toEqual(['0.1', '0.2', '0.3', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1']);
  });

  it('stops at the last step not past `to` when the step does not divide the range', () => {
    expect(parseGrid('windowTicks=10:25:10')[0]?.values).toEqual(['10', '20']);
    expect(parseGrid('windowTicks=10:10:5')[0]?.values).toEqual(['10']);
  });

  it('accepts a qualified option path, keeping the name as written for the column', () => {
    expect(parseGrid('strategy.windowTicks=10,20')).toEqual([{ path: 'strategy.windowTicks', name: 'strategy.windowTicks', values: ['10', '20'] }]);
    expect(parseGrid('backtest.slippageBps=0:2:1')[0]).toEqual({
      path: 'backtest.slippageBps',
      name: 'backtest.slippageBps',
      values: ['0', '1', '2'],
    });
  });

  it('resolves short names in every section a sweep may vary', () => {
    expect(parseGrid('maxDailyLossUsd=50,intervalMs=1000,leverage=5,seed=1,2').map((a) => a.path)).toEqual([
      'risk.maxDailyLossUsd',
      'scanner.intervalMs',
      'execution.leverage',
      'backtest.seed',
    ]);
  });

  it('mixes ranges and single values in one axis and trims spaces', () => {
    expect(parseGrid(' windowTicks = 5:15:5 , 40 , stopLossPercent=1 ')).toEqual([
      { path: 'strategy.windowTicks', name: 'windowTicks', values: ['5', '10', '15', '40'] },
      { path: 'strategy.stopLossPercent', name: 'stopLossPercent', values: ['1'] },
    ]);
  });

  it('keeps one copy of a value listed twice, in first-seen order', () => {
    expect(parseGrid('windowTicks=20,10:30:10,20')[0]?.values).toEqual(['20', '10', '30']);
  });

  it('refuses an option given twice', () => {
    expect(gridError('windowTicks=10,windowTicks=20').message).toBe('grid option windowTicks is given twice');
  });

  it('refuses an unknown option naming the options a sweep can vary', () => {
    const error = gridError('nope=1,2');
    expect(error.name).toBe('GridError');
    expect(error.message).toMatch(/^grid option nope is not an option a sweep can vary; choose from /);
    expect(error.message).toContain('strategy.momentumThreshold');
    expect(error.message).toContain('backtest.slippageBps');
  });

  it('refuses options outside the swept sections and names that only end like an option', () => {
    expect(gridError('log.level=debug').message).toMatch(/^grid option log\.level is not an option a sweep can vary/);
    expect(gridError('venue.sim.seed=1').message).toMatch(/^grid option venue\.sim\.seed is not/);
    // "Ticks" ends strategy.windowTicks but not at a dot.
    expect(gridError('Ticks=1').message).toMatch(/^grid option Ticks is not/);
  });

  it.each([
    ['a step of 0', 'windowTicks=10:20:0', 'grid range for windowTicks: the step must be above 0, got 0'],
    ['a negative step', 'windowTicks=10:20:-5', 'grid range for windowTicks: the step must be above 0, got -5'],
    ['to below from', 'windowTicks=20:10:5', 'grid range for windowTicks: 10 is below 20'],
    ['words', 'windowTicks=ten:20:5', 'grid range for windowTicks must be from:to:step with numbers, got "ten:20:5"'],
    ['two parts', 'windowTicks=10:20', 'grid range for windowTicks must be from:to:step with numbers, got "10:20"'],
    ['four parts', 'windowTicks=1:2:3:4', 'grid range for windowTicks must be from:to:step with numbers, got "1:2:3:4"'],
    ['an exponent', 'windowTicks=1e1:20:5', 'grid range for windowTicks must be from:to:step with numbers, got "1e1:20:5"'],
    ['an empty part', 'windowTicks=:20:5', 'grid range for windowTicks must be from:to:step with numbers, got ":20:5"'],
  ])('refuses a range with %s', (_what, text, message) => {
    expect(gridError(text).message).toBe(message);
  });

  it.each([
    ['an empty grid', '', /^grid "" has an empty value$/],
    ['an empty value', 'windowTicks=10,,20', /has an empty value/],
    ['a trailing comma', 'windowTicks=10,', /has an empty value/],
    ['a value before any option', '10,windowTicks=20', /must start with option=value/],
    ['no name before =', '=10', /a value has no option name before "="/],
  ])('refuses %s', (_what, text, message) => {
    expect(gridError(text).message).toMatch(message);
  });

  it('refuses a range of more values than a sweep may run, before listing them', () => {
    expect(gridError('seed=1:20000:1').message).toBe(`grid range for seed has 20000 values, more than ${maxCombinations}`);
  });

  it('refuses a grid whose axes multiply past the limit, and accepts one exactly at it', () => {
    expect(gridError('seed=1:101:1,windowTicks=1:100:1').message).toBe(`the grid has 10100 combinations, more than ${maxCombinations}`);
    expect(gridPoints(parseGrid('seed=1:100:1,windowTicks=1:100:1'))).toHaveLength(maxCombinations);
  });
});

describe('resolveOptionPath', () => {
  it('gives a full path for itself and for its last segment', () => {
    expect(resolveOptionPath('strategy.takeProfitPercent')).toBe('strategy.takeProfitPercent');
    expect(resolveOptionPath('takeProfitPercent')).toBe('strategy.takeProfitPercent');
    expect(resolveOptionPath('cooldownAfterStopMs')).toBe('risk.cooldownAfterStopMs');
  });

  it('refuses a name two sweepable options end with, naming both (with a schema where two sections share a name)', async () => {
    // The engine's schema has no two sweepable options with one last name today, so a stand-in option list adds
    // strategy.seed beside backtest.seed; grid-spec is loaded afresh against it.
    const engine = await import('@scalper/engine');
    const options = engine.describeOptions(engine.engineSchema);
    const seed = options.find((o) => o.path === 'backtest.seed');
    await jest.isolateModulesAsync(async () => {
      jest.unstable_mockModule('@scalper/engine', () => ({
        ...engine,
        describeOptions: () => [...options, { ...seed, path: 'strategy.seed' }],
      }));
      const fresh = await import('./grid-spec.js');
      let caught: unknown = null;
      try {
        fresh.parseGrid('seed=1,2');
      } catch (error) {
        caught = error;
      }
      expect((caught as Error | null)?.name).toBe('GridError');
      expect((caught as Error).message).toBe('grid option seed is ambiguous: write one of backtest.seed, strategy.seed');
      expect(fresh.parseGrid('strategy.seed=1')[0]?.path).toBe('strategy.seed');
    });
  });
});

describe('gridPoints and pointArgs', () => {
  it('lists every combination with the first axis varying slowest', () => {
    const axes = parseGrid('windowTicks=10,20,stopLossPercent=0.3,0.5,1');
    expect(gridPoints(axes)).toEqual([
      { windowTicks: '10', stopLossPercent: '0.3' },
      { windowTicks: '10', stopLossPercent: '0.5' },
      { windowTicks: '10', stopLossPercent: '1' },
      { windowTicks: '20', stopLossPercent: '0.3' },
      { windowTicks: '20', stopLossPercent: '0.5' },
      { windowTicks: '20', stopLossPercent: '1' },
    ]);
  });

  it('gives one empty point for no axes', () => {
    expect(gridPoints([])).toEqual([{}]);
  });

  it('turns a point into config arguments on the full option paths, in axis order', () => {
    const axes = parseGrid('stopLossPercent=0.3,0.5,strategy.momentumThreshold=0.0005:0.001:0.0005,slippageBps=2');
    const points = gridPoints(axes);
    expect(pointArgs(axes, points[3] as Record<string, string>)).toEqual([
      '--strategy.stopLossPercent',
      '0.5',
      '--strategy.momentumThreshold',
      '0.001',
      '--backtest.slippageBps',
      '2',
    ]);
    expect(pointArgs(axes, { stopLossPercent: 1, 'strategy.momentumThreshold': '0.002', slippageBps: 0 })).toEqual([
      '--strategy.stopLossPercent',
      '1',
      '--strategy.momentumThreshold',
      '0.002',
      '--backtest.slippageBps',
      '0',
    ]);
  });
});
