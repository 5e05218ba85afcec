// Renders the configuration options as a Markdown table (main thread, for the README and --help).

import { describeOptions } from './option-names.js';
import { engineSchema } from './schema.js';

function formatOf(format: string | readonly string[]): string {
  return typeof format === 'string' ? format : format.join(' \\| ');
}

function defaultOf(value: unknown): string {
  if (value === '') return '""';
  return Array.isArray(value) ? value.join(',') : String(value);
}

export function renderConfigTable(): string {
  const header = '| option (`--arg`) | environment variable | default | allowed | what it does |\n|---|---|---|---|---|';
  const rows = describeOptions(engineSchema).map((o) => {
    const arg = o.arg === null ? `${o.path} (env only)` : `\`--${o.arg}\``;
    const shownDefault = o.spec.sensitive === true ? '(none)' : `\`${defaultOf(o.spec.default)}\``;
    return `| ${arg} | \`${o.env}\` | ${shownDefault} | ${formatOf(o.spec.format)} | ${o.spec.doc} |`;
  });
  return [header, ...rows].join('\n');
}
