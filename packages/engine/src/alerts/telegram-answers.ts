// The Telegram commands' answers (main thread, on a command): /status and /pnl read from the workers' stats, as
// the status line does, in a few short lines a phone shows whole.

import type { WorkerName, WorkerStats } from '@scalper/protocol';

type AllStats = Readonly<Record<WorkerName, WorkerStats>>;

const text = (value: unknown, fallback = '-'): string => (value === undefined || value === '' ? fallback : String(value));

export function telegramStatus(stats: AllStats): string {
  const s = stats.strategy;
  const e = stats.execution;
  const side = text(e['positionSide'], 'flat');
  const position = side === 'flat' ? 'flat' : `${side === 'Buy' ? 'long' : 'short'} ${text(e['positionSize'])} ${text(e['positionSymbol'])}`;
  const halted = text(e['halted'], '');
  return [
    `Symbol ${text(s['symbol'], 'none yet')} (${text(s['phase'])}), feed ${text(s['feedState'])}`,
    `Position ${position}, unrealised ${text(s['unrealisedPnl'], text(e['unrealisedPnl'], '0'))} USDT`,
    halted === '' ? 'Trading: on' : `Trading: HALTED (${halted})`,
  ].join('\n');
}

export function telegramPnl(stats: AllStats): string {
  const e = stats.execution;
  return [
    `Today (UTC): realised ${text(e['dayRealisedPnl'], '0')} USDT`,
    `This run: ${text(e['sessionTrips'], '0')} round trips, ${text(e['sessionWins'], '0')} won, net ${text(e['sessionNetPnl'], '0')} USDT, fees ${text(e['sessionFees'], '0')} USDT`,
    `Open position: unrealised ${text(stats.strategy['unrealisedPnl'], text(e['unrealisedPnl'], '0'))} USDT`,
  ].join('\n');
}
