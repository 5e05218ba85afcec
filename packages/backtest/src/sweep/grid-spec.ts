// Parses a sweep grid (main thread): "momentumThreshold=0.0005:0.003:0.0005,stopLossPercent=0.3,0.5,1" becomes
// every combination of the listed values. Ranges are stepped with big.js, so 0.0005 steps give exact decimals
// ("0.0015", never "0.0015000000000000002"), and each value reaches the config loader as the text a user would type.

import Big from 'big.js';
import { describeOptions, engineSchema } from '@scalper/engine';
import type { GridPoint } from './sweep-types.js';

export interface GridAxis {
  /** The option path, e.g. "strategy.momentumThreshold". */
  readonly path: string;
  /** The name as the user wrote it: the column title. */
  readonly name: string;
  readonly values: readonly string[];
}

/** More combinations than this is almost surely a typo in a step (and would run for days). */
export const maxCombinations = 10_000;
const numberText = /^-?(\d+(\.\d+)?|\.\d+)$/;
/** Options a sweep may vary: what a backtest's result depends on. */
const sweepableSections = ['strategy', 'risk', 'scanner', 'execution', 'backtest'];
const sweepable = describeOptions(engineSchema).filter((o) => o.arg !== null && sweepableSections.includes(o.path.split('.')[0] as string));

export class GridError extends Error {
  override readonly name = 'GridError';
}

/** "momentumThreshold" or "strategy.momentumThreshold" to the option's path; throws a GridError naming the choices. */
export function resolveOptionPath(name: string): string {
  const exact = sweepable.find((o) => o.path === name);
  if (exact !== undefined) return exact.path;
  const matches = sweepable.filter((o) => o.path.endsWith(`.${name}`));
  if (matches.length === 1) return (matches[0] as (typeof matches)[number]).path;
  if (matches.length > 1) throw new GridError(`grid option ${name} is ambiguous: write one of ${matches.map((m) => m.path).join(', ')}`);
  throw new GridError(`grid option ${name} is not an option a sweep can vary; choose from ${sweepable.map((o) => o.path).join(', ')}`);
}

function expandRange(name: string, text: string): string[] {
  const parts = text.split(':');
  if (parts.length !== 3 || !parts.every((p) => numberText.test(p))) {
    throw new GridError(`grid range for ${name} must be from:to:step with numbers, got "${text}"`);
  }
  const [from, to, step] = parts.map((p) => new Big(p)) as [Big, Big, Big];
  if (step.lte(0)) throw new GridError(`grid range for ${name}: the step must be above 0, got ${step.toString()}`);
  if (to.lt(from)) throw new GridError(`grid range for ${name}: ${to.toString()} is below ${from.toString()}`);
  const count = to.minus(from).div(step).round(0, Big.roundDown).toNumber() + 1;
  if (count > maxCombinations) throw new GridError(`grid range for ${name} has ${count} values, more than ${maxCombinations}`);
  const values: string[] = [];
  for (let i = 0; i < count; i++) values.push(from.plus(step.times(i)).toString());
  return values;
}

/** Splits the grid text into axes; a token without "=" is one more value of the option before it. */
export function parseGrid(text: string): GridAxis[] {
  const axes: { name: string; values: string[] }[] = [];
  for (const raw of text.split(',')) {
    const token = raw.trim();
    if (token === '') throw new GridError(`grid "${text}" has an empty value`);
    const eq = token.indexOf('=');
    let current = axes[axes.length - 1];
    let valueText = token;
    if (eq >= 0) {
      const name = token.slice(0, eq).trim();
      if (name === '') throw new GridError(`grid "${text}": a value has no option name before "="`);
      if (axes.some((a) => a.name === name)) throw new GridError(`grid option ${name} is given twice`);
      current = { name, values: [] };
      axes.push(current);
      valueText = token.slice(eq + 1).trim();
    }
    if (current === undefined) throw new GridError(`grid "${text}" must start with option=value`);
    current.values.push(...(valueText.includes(':') ? expandRange(current.name, valueText) : [valueText]));
  }
  if (axes.length === 0) throw new GridError('the grid is empty');
  const resolved = axes.map((axis) => ({ path: resolveOptionPath(axis.name), name: axis.name, values: [...new Set(axis.values)] }));
  const total = resolved.reduce((n, axis) => n * axis.values.length, 1);
  if (total > maxCombinations) throw new GridError(`the grid has ${total} combinations, more than ${maxCombinations}`);
  return resolved;
}

/** Every combination, the first axis varying slowest: a stable order, so results line up run after run. */
export function gridPoints(axes: readonly GridAxis[]): GridPoint[] {
  let points: Record<string, string>[] = [{}];
  for (const axis of axes) {
    points = points.flatMap((point) => axis.values.map((value) => ({ ...point, [axis.name]: value })));
  }
  return points;
}

/** A grid point as config arguments (["--strategy.momentumThreshold", "0.001", ...]): validated by the config loader. */
export function pointArgs(axes: readonly GridAxis[], point: GridPoint): string[] {
  return axes.flatMap((axis) => [`--${axis.path}`, String(point[axis.name])]);
}
