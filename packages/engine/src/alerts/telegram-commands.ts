// The Telegram commands (main thread, opt-in with the alerts): /status, /pnl, /trades and /halt, taken only from
// the allow-listed chats (any other chat gets no answer at all) and answered through the same rate-limited outbox
// as the notices. /halt asks for "/halt confirm" first; the halt it sets is the kill switch, journaled.

import type { Bot, Context } from 'grammy';

export interface CommandHandlers {
  /** One line each: the symbol and phase, the position, the halt. */
  readonly status: () => Promise<string>;
  readonly pnl: () => Promise<string>;
  /** The day's last round trips, newest last. */
  readonly trades: () => Promise<string>;
  /** The kill switch; resolves once both trading workers answered. */
  readonly halt: (reason: string) => Promise<void>;
}

export const commandHelp = '/status, /pnl, /trades, /halt (then /halt confirm)';

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
        return 'This flattens the position and stops all entries until pnpm journal -- resume. Send /halt confirm to do it.';
      await handlers.halt(`kill switch: Telegram /halt from chat ${ctx.chat?.id ?? '?'}`);
      return 'Halted: position flattened, no new entries until resumed (pnpm journal -- resume, then a restart).';
    }),
  );
  bot.command(
    ['start', 'help'],
    answer(async () => `Commands: ${commandHelp}`),
  );
}
