// Telegram alerts (main thread, opt-in): every journal event the engine sees goes through TradeNotices, and what is
// news goes to each allow-listed chat through the rate-limited outbox, via grammY's Bot API client. At 00:00 UTC the
// day's summary from the journal follows. Nothing here is awaited by trading: an outage only costs notices.

import { Bot, GrammyError } from 'grammy';
import type { JournalEvent } from '@scalper/protocol';
import { wireCommands, type CommandHandlers } from './telegram-commands.js';
import { TelegramOutbox } from './telegram-outbox.js';
import type { TelegramSettings } from './telegram-settings.js';
import { TradeNotices } from './trade-notices.js';

const dayMs = 86_400_000;

/**
 * The next daily summary: the UTC day `nowMs` falls in, sent a second after it ends (the day's last fills have
 * reached the journal by then).
 */
export function nextDaySummary(nowMs: number): { readonly dayStartMs: number; readonly delayMs: number } {
  const dayStartMs = Math.floor(nowMs / dayMs) * dayMs;
  return { dayStartMs, delayMs: dayStartMs + dayMs - nowMs + 1_000 };
}

export interface TelegramAlertsOptions {
  readonly settings: TelegramSettings;
  /** The summary of the UTC day starting at `dayStartMs`, from the journal; null without a journal. */
  readonly daySummary: (dayStartMs: number) => string | null;
  readonly onProblem: (problem: string) => void;
  /** Least time between two messages to one chat; default 1,100 ms (tests go faster). */
  readonly perChatIntervalMs?: number;
  /** The commands' answers; without them the bot only sends (no polling for updates). */
  readonly commands?: CommandHandlers;
  /** How long after a failed start of polling it is tried again; default 30 s. */
  readonly pollRetryMs?: number;
}

export class TelegramAlerts {
  private readonly notices = new TradeNotices();
  private readonly outbox: TelegramOutbox;
  private summaryTimer: NodeJS.Timeout | null = null;
  private readonly bot: Bot;
  private polling: Promise<void> | null = null;
  private closing = false;
  private wakePoll: () => void = () => undefined;

  constructor(private readonly options: TelegramAlertsOptions) {
    // Long polling waits up to 30 s for updates: the client's timeout must outlast it.
    const bot = new Bot(options.settings.botToken, { client: { apiRoot: options.settings.apiRoot, timeoutSeconds: 40 } });
    this.bot = bot;
    this.outbox = new TelegramOutbox({
      send: async (chatId, text) => {
        await bot.api.sendMessage(chatId, text, { link_preview_options: { is_disabled: true } });
      },
      retryAfterMsOf: (error) => {
        const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
        return retryAfter === undefined ? null : retryAfter * 1_000;
      },
      onProblem: options.onProblem,
      ...(options.perChatIntervalMs === undefined ? {} : { perChatIntervalMs: options.perChatIntervalMs }),
    });
    this.scheduleSummary(Date.now());
    if (options.commands !== undefined) {
      wireCommands(bot, new Set(options.settings.chatIds), options.commands, (chatId, text) => this.outbox.post(chatId, text));
      bot.catch((error) => options.onProblem(`telegram: a command failed: ${error.message}`));
      this.polling = this.poll(options.pollRetryMs ?? 30_000);
    }
  }

  /**
   * Long polling for the commands until close(). Telegram unreachable at start (or polling failing later) is tried
   * again after `retryMs`, so an outage costs the commands for a while, not for the rest of the run.
   */
  private async poll(retryMs: number): Promise<void> {
    while (!this.closing) {
      try {
        // Updates queued while the engine was down are old news (a /halt from yesterday): they are dropped.
        await this.bot.start({ drop_pending_updates: true, allowed_updates: ['message'] });
        return;
      } catch (error) {
        if (this.closing) return;
        this.options.onProblem(`telegram: polling for commands failed, trying again in ${retryMs / 1_000} s: ${(error as Error).message}`);
        await new Promise<void>((resolve) => {
          this.wakePoll = resolve;
          setTimeout(resolve, retryMs).unref();
        });
      }
    }
  }

  /** A journal event (or one the main thread makes): sent on if it is news. */
  onEvent(event: JournalEvent): void {
    const text = this.notices.noticeOf(event);
    if (text !== null) this.broadcast(text);
  }

  get counts(): { readonly sent: number; readonly failed: number } {
    return { sent: this.outbox.sent, failed: this.outbox.failed };
  }

  /** Sends what is queued (for at most `timeoutMs`) and stops. */
  async close(timeoutMs = 3_000): Promise<void> {
    if (this.summaryTimer !== null) clearTimeout(this.summaryTimer);
    this.closing = true;
    if (this.polling !== null) {
      this.wakePoll();
      await this.bot.stop().catch(() => undefined);
      // A start still waiting on Telegram (getMe) is not waited out: the engine's stop must not hang on it.
      await Promise.race([this.polling, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    }
    await this.outbox.close(timeoutMs);
  }

  private broadcast(text: string): void {
    for (const chatId of this.options.settings.chatIds) this.outbox.post(chatId, text);
  }

  /** The day that just ended, at each 00:00 UTC. */
  private scheduleSummary(nowMs: number): void {
    const { dayStartMs, delayMs } = nextDaySummary(nowMs);
    this.summaryTimer = setTimeout(() => {
      const summary = this.options.daySummary(dayStartMs);
      if (summary !== null) this.broadcast(summary);
      this.scheduleSummary(Date.now());
    }, delayMs);
    this.summaryTimer.unref();
  }
}
