// The backtest summary as text for the terminal (main thread): one aligned block a trader reads at a glance.

import type { BacktestResult } from '../core/backtest-types.js';

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(2)} %`;
}

function duration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${(ms / 60_000).toFixed(1)} min`;
}

export function renderSummaryText(result: BacktestResult): string {
  const s = result.summary;
  const r = result.replay;
  const ticksPerSecond = r.wallMs > 0 ? Math.round((r.ticks / r.wallMs) * 1_000) : 0;
  const tradesPerSecond = r.wallMs > 0 ? Math.round((r.trades / r.wallMs) * 1_000) : 0;
  const rows: [string, string][] = [
    ['period', `${new Date(s.startMs).toISOString()} .. ${new Date(s.endMs).toISOString()} (${duration(s.endMs - s.startMs)})`],
    ['trades', `${s.trades} (${s.wins} won, ${s.losses} lost)`],
    ['win rate', percent(s.winRate)],
    ['gross PnL', `${s.grossPnl} USDT`],
    ['fees', `${s.fees} USDT`],
    ['net PnL', `${s.netPnl} USDT`],
    ['equity', `${s.startingBalance} -> ${s.endingEquity} USDT`],
    ['max drawdown', `${s.maxDrawdown} USDT (${percent(s.maxDrawdownFraction)})`],
    // Annualised from 1-minute returns: over a few hours of a smooth equity curve they come out very large.
    ['Sharpe', `${s.sharpe.toFixed(2)} (annualised from 1-minute returns)`],
    ['Sortino', `${s.sortino.toFixed(2)} (annualised from 1-minute returns)`],
    ['exposure', percent(s.exposure)],
    ['avg holding', duration(s.avgHoldingMs)],
    [
      'decisions',
      `${result.decisions.length} (${result.decisions.filter((d) => d.action === 'PlaceOrder').length} entries), ${result.fills.length} fills`,
    ],
    ['replayed', `${r.frames} frames, ${r.trades} trades (${r.ticks} strategy ticks), ${r.symbolSwitches} symbol switches`],
    ['speed', `${duration(r.wallMs)} wall, ${tradesPerSecond} trades/s, ${ticksPerSecond} strategy ticks/s`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`).join('\n');
}
