// Derives each option's environment variable and command-line argument from its path (main thread), and lists
// the options for the README table: strategy.windowTicks is SCALPER_STRATEGY_WINDOW_TICKS and --strategy.windowTicks.

import type { OptionSpec, SchemaTree } from './schema.js';

export interface OptionDescription {
  readonly path: string;
  readonly env: string;
  /** null for environment-only options (credentials). */
  readonly arg: string | null;
  readonly spec: OptionSpec;
}

export function isOptionSpec(node: OptionSpec | SchemaTree): node is OptionSpec {
  return typeof (node as OptionSpec).doc === 'string' && 'default' in node;
}

function envNameOf(path: string): string {
  return `SCALPER_${path
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/\./g, '_')
    .toUpperCase()}`;
}

export function describeOptions(tree: SchemaTree, prefix = ''): OptionDescription[] {
  const rows: OptionDescription[] = [];
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isOptionSpec(node)) {
      rows.push({ path, env: node.env ?? envNameOf(path), arg: node.envOnly === true ? null : path, spec: node });
    } else {
      rows.push(...describeOptions(node, path));
    }
  }
  return rows;
}

type ConvictLeaf = { doc: string; format: unknown; default: unknown; env: string; arg?: string; sensitive?: boolean };
type ConvictTree = { [key: string]: ConvictLeaf | ConvictTree };

/** The convict schema: our specs plus the derived env and arg names (and nothing convict does not know). */
export function toConvictSchema(tree: SchemaTree, prefix = ''): ConvictTree {
  const out: ConvictTree = {};
  for (const [key, node] of Object.entries(tree)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isOptionSpec(node)) {
      const leaf: ConvictLeaf = {
        doc: node.doc,
        format: Array.isArray(node.format) ? [...node.format] : node.format,
        default: Array.isArray(node.default) ? [...(node.default as unknown[])] : node.default,
        env: node.env ?? envNameOf(path),
      };
      if (node.envOnly !== true) leaf.arg = path;
      if (node.sensitive === true) leaf.sensitive = true;
      out[key] = leaf;
    } else {
      out[key] = toConvictSchema(node, path);
    }
  }
  return out;
}
