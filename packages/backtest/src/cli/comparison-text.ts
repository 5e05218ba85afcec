// The journal-vs-backtest comparison as the backtest CLI prints it (main thread of the CLI): one line per trade,
// the journal's and the backtest's side by side, then the totals.

import type { TripComparison, TripPair } from '../core/journal-comparison.js';

function time(ms: number): string {
  return new Date(ms).toISOString().slice(11, 23);
}

function row(pair: TripPair): string {
  const first = pair.journal ?? pair.backtest;
  const entryMs = pair.journal?.openedAtMs ?? pair.backtest?.entryTsMs ?? 0;
  const live = pair.journal === null ? 'missed live'.padEnd(28) : `${pair.journal.netPnl.padStart(12)} ${pair.journal.exitReason.padEnd(15)}`;
  const test =
    pair.backtest === null ? 'not in the backtest'.padEnd(28) : `${pair.backtest.netPnl.padStart(12)} ${pair.backtest.exitReason.padEnd(15)}`;
  const delta = pair.netDifference === null ? '' : pair.netDifference;
  return `  ${time(entryMs)}  ${(first?.symbol ?? '').padEnd(12)} ${(first?.side ?? '').padEnd(4)}  ${live}  ${test}  ${delta}`;
}

export function renderComparisonText(comparison: TripComparison, journalPath: string): string {
  const lines = [
    `journal vs backtest (${journalPath})`,
    `  entry (UTC)   symbol       side  ${'journal net, exit'.padEnd(28)}  ${'backtest net, exit'.padEnd(28)}  backtest − journal`,
    ...comparison.pairs.map(row),
    `  matched      ${comparison.matched}, journal only ${comparison.journalOnly}, backtest only ${comparison.backtestOnly}`,
    `  net PnL      journal ${comparison.journalNet} USDT, backtest ${comparison.backtestNet} USDT`,
  ];
  return lines.join('\n');
}
