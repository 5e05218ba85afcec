// The Telegram commands (main thread, opt-in with the alerts): /status, /pnl, /trades, /halt, /close and /resume,
// taken only from the allow-listed chats (any other chat gets no answer at all) and answered through the same
// rate-limited outbox as the notices. The three controls ask for "confirm" first and are journaled.

import type { Bot, Context } from 'grammy';
import type { ControlAnswer } from '../runtime/trading-controls.js';

export interface CommandHandlers {
  /** One line each: the symbol and phase, the position, the halt. */
  readonly status: () => Promise<string>;
  readonly pnl: () => Promise<string>;
  /** The day's last round trips, newest last. */
  readonly trades: () => Promise<string>;
  /** The kill switch; resolves once both trading workers answered. */
  readonly halt: (reason: string) => Promise<void>;
  /** Close every position now (entries go on); `source` names who asked. */
  readonly close: (source: string) => Promise<ControlAnswer>;
  /** Lift the kill switch; refused (with the reason) when no manual halt is in force. */
  readonly resume: (source: string) => Promise<ControlAnswer>;
}

export const commandHelp = '/status, /pnl, /trades, /halt, /close, /resume (each of the last three then with confirm)';

/** Wires the commands on `bot`; `reply` sends through the outbox. */
export function wireCommands(bot: Bot, allowed: ReadonlySet<number>, handlers: CommandHandlers, reply: (chatId: number, text: string) => void): void {
  // Everything from a chat off the allow-list stops here, unanswered.
  bot.use(async (ctx, next) => {
    if (ctx.chat !== undefined && allowed.has(ctx.chat.id)) await next();
  });
  const answer = (run: (ctx: Context) => Promise<string>) => async (ctx: Context) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    try {
      reply(chatId, await run(ctx));
    } catch (error) {
      reply(chatId, `Could not answer: ${(error as Error).message}`);
    }
  };
  bot.command(
    'status',
    answer(() => handlers.status()),
  );
  bot.command(
    'pnl',
    answer(() => handlers.pnl()),
  );
  bot.command(
    'trades',
    answer(() => handlers.trades()),
  );
  bot.command(
    'halt',
    answer(async (ctx) => {
      if (String(ctx.match).trim() !== 'confirm')
        return 'This flattens the position and stops all entries until resumed. Send /halt confirm to do it.';
      await handlers.halt(`kill switch: Telegram /halt from chat ${ctx.chat?.id ?? '?'}`);
      return 'Halted: position flattened, no new entries until resumed (/resume confirm).';
    }),
  );
  bot.command(
    'close',
    answer(async (ctx) => {
      if (String(ctx.match).trim() !== 'confirm')
        return 'This cancels the working orders and closes the position now; entries go on after the stop cooldown. Send /close confirm to do it.';
      return (await handlers.close(`Telegram chat ${ctx.chat?.id ?? '?'}`)).message;
    }),
  );
  bot.command(
    'resume',
    answer(async (ctx) => {
      if (String(ctx.match).trim() !== 'confirm') return 'This lifts the manual halt: entries open again. Send /resume confirm to do it.';
      return (await handlers.resume(`Telegram chat ${ctx.chat?.id ?? '?'}`)).message;
    }),
  );
  bot.command(
    ['start', 'help'],
    answer(async () => `Commands: ${commandHelp}`),
  );
}
