// The engine's configuration schema (main thread): every option with its doc, format and default. Environment
// variables and command-line arguments are derived from the path in option-names.ts, so the README table,
// the loader and the schema cannot drift apart.

import type { EngineConfig } from '@scalper/protocol';

export type { EngineConfig };

/** A leaf of the schema as written here: convict fields without env/arg, which option-names.ts adds. */
export interface OptionSpec {
  readonly doc: string;
  readonly format: string | readonly string[];
  readonly default: unknown;
  readonly sensitive?: boolean;
  /** Overrides the derived SCALPER_* variable (venue URLs and credentials keep Bybit's conventional names). */
  readonly env?: string;
  /** Credentials come only from the environment: no command-line argument (it would show in `ps`). */
  readonly envOnly?: boolean;
}

export type SchemaTree = { readonly [key: string]: OptionSpec | SchemaTree };

export const engineSchema = {
  env: {
    doc: 'Which config/<env>.json to load over config/default.json: sim (embedded venue, paper), testnet, demo (Bybit demo trading) or live.',
    format: ['sim', 'testnet', 'demo', 'live'],
    default: 'sim',
  },
  trading: {
    confirmLive: {
      doc: 'Must be true to trade real money on Bybit mainnet (env live); without it live refuses to start.',
      format: 'strict-boolean',
      default: false,
    },
  },
  venue: {
    kind: {
      doc: 'sim starts the embedded Bybit-compatible venue on 127.0.0.1 and trades against it; paper does the same on the public data of the Bybit at restUrl and wsPublicUrl (mainnet by default), fills simulated; bybit trades at the URLs below.',
      format: ['sim', 'paper', 'bybit'],
      default: 'sim',
    },
    restUrl: { doc: 'REST base URL.', format: 'http-url', default: 'https://api.bybit.com', env: 'BYBIT_REST_URL' },
    wsPublicUrl: {
      doc: 'Public linear WebSocket URL.',
      format: 'ws-url',
      default: 'wss://stream.bybit.com/v5/public/linear',
      env: 'BYBIT_WS_PUBLIC_URL',
    },
    wsPrivateUrl: {
      doc: 'Private WebSocket URL.',
      format: 'ws-url',
      default: 'wss://stream.bybit.com/v5/private',
      env: 'BYBIT_WS_PRIVATE_URL',
    },
    wsTradeUrl: {
      doc: "The WebSocket trade API's URL: auto takes the private stream's host with /v5/trade (wss://stream.bybit.com/v5/trade on mainnet, wss://stream-testnet.bybit.com/v5/trade on testnet); the embedded venue serves its own.",
      format: 'trade-ws-url',
      default: 'auto',
      env: 'BYBIT_WS_TRADE_URL',
    },
    recvWindowMs: { doc: 'X-BAPI-RECV-WINDOW for signed requests.', format: 'positive-int', default: 5_000 },
    requestTimeoutMs: { doc: 'Abort a REST request after this long.', format: 'positive-int', default: 5_000 },
    record: {
      doc: 'sim and paper: record what the engine receives from the embedded venue (and the relayed depth) into this new file (.jsonl, or .jsonl.gz), the format backtests read; "" records nothing. --record FILE sets it.',
      format: 'optional-path',
      default: '',
    },
    sim: {
      host: { doc: 'Address the embedded venue listens on.', format: ['127.0.0.1', 'localhost', '::1'], default: '127.0.0.1' },
      port: { doc: 'Port of the embedded venue; 0 picks a free one.', format: 'port-or-zero', default: 0 },
      seed: { doc: "Seed of the embedded venue's market simulation.", format: 'non-negative-int', default: 42 },
      tradesPerSecond: {
        doc: 'Long-run taker orders per second of a typical coin in the embedded venue (live-like movers trade several times this in volatile spells; a sweep prints once per level).',
        format: 'positive-int',
        default: 20,
      },
      market: {
        doc: "The embedded venue's markets: live-like (Bybit's volatile alt perps: bursty tape, fast moves, heavy-tailed sizes) or calm (smooth, for scripted tests).",
        format: ['live-like', 'calm'],
        default: 'live-like',
      },
    },
  },
  credentials: {
    apiKey: {
      doc: 'Bybit API key. Environment only; required when venue.kind is bybit.',
      format: 'secret',
      default: '',
      sensitive: true,
      env: 'BYBIT_API_KEY',
      envOnly: true,
    },
    apiSecret: {
      doc: 'Bybit API secret. Environment only; never logged.',
      format: 'secret',
      default: '',
      sensitive: true,
      env: 'BYBIT_API_SECRET',
      envOnly: true,
    },
  },
  scanner: {
    intervalMs: { doc: 'How often the scanner fetches all linear tickers.', format: 'interval-ms', default: 60_000 },
    switchThreshold: {
      doc: "Switch only when the new top score beats the current symbol's score by this factor.",
      format: 'multiplier-above-one',
      default: 1.2,
    },
    whitelist: {
      doc: 'Symbols whose score is multiplied by whitelistBoost.',
      format: 'symbol-list',
      default: ['SUIUSDT', 'WIFUSDT', 'VIRTUALUSDT', 'RENDERUSDT', 'SEIUSDT', '1000PEPEUSDT'],
    },
    whitelistBoost: { doc: 'Score multiplier for whitelisted symbols.', format: 'boost', default: 1.3 },
    minTurnover24hUsd: {
      doc: 'Ignore symbols with less 24h turnover (USDT) than this.',
      format: 'positive-decimal',
      default: '10000000',
    },
  },
  strategy: {
    windowTicks: { doc: 'Trades in the VWAP and momentum window.', format: 'window-ticks', default: 20 },
    momentumThreshold: {
      doc: 'Enter when |last price - VWAP| / VWAP exceeds this fraction.',
      format: 'fraction',
      default: 0.001,
    },
    stopLossPercent: { doc: 'Stop loss distance from the entry price, in percent.', format: 'percent', default: 0.5 },
    positionSizeUsd: { doc: 'Notional of each entry in USDT.', format: 'positive-decimal', default: '1000' },
    marketMaxSpreadBps: {
      doc: 'Route as market IOC when the spread is below this and the book is deep; otherwise PostOnly limit.',
      format: 'positive-number',
      default: 10,
    },
    maxEntrySpreadBps: { doc: 'Open nothing while the spread is wider than this.', format: 'positive-number', default: 50 },
    minTopSize: {
      doc: 'Best bid and ask sizes (contracts) needed to call the book deep.',
      format: 'positive-decimal',
      default: '100',
    },
    staleDataMs: { doc: 'Ignore trades and books older than this.', format: 'positive-int', default: 500 },
    takeProfitPercent: {
      doc: 'Close at this profit, in percent of the entry price; 0 turns take-profit off.',
      format: 'non-negative-number',
      default: 0,
    },
    maxHoldingMs: { doc: 'Close a position held longer than this; 0 turns the limit off.', format: 'non-negative-int', default: 0 },
    cooldownAfterExitMs: {
      doc: 'Open nothing for this long after strategy closed a position itself (take-profit, time); stop-outs use risk.cooldownAfterStopMs.',
      format: 'non-negative-int',
      default: 0,
    },
  },
  risk: {
    maxPositionNotionalUsd: { doc: 'Largest position notional allowed (USDT).', format: 'positive-decimal', default: '2000' },
    maxDailyLossUsd: {
      doc: "Flatten and stop opening once the day's realised loss reaches this (USDT).",
      format: 'positive-decimal',
      default: '100',
    },
    maxOrdersPerMinute: { doc: 'Orders refused beyond this many per rolling minute.', format: 'positive-int', default: 30 },
    cooldownAfterStopMs: { doc: 'Open nothing for this long after a stop-out.', format: 'non-negative-int', default: 60_000 },
    killSwitchFile: {
      doc: 'If this file exists, flatten and halt ("" disables the file switch; SIGUSR2 always works).',
      format: 'optional-path',
      default: '',
    },
    closeOnShutdown: { doc: 'Close the open position on SIGINT/SIGTERM.', format: 'strict-boolean', default: true },
  },
  execution: {
    orderEntry: {
      doc: "websocket sends order creates over Bybit's WebSocket trade API while its socket is open and over REST otherwise (or when the trade API did not take one); rest sends them over REST only. Bybit's demo trading has no trade API: config/demo.json sets rest.",
      format: ['websocket', 'rest'],
      default: 'websocket',
    },
    leverage: { doc: 'Leverage set on the traded symbol at start.', format: 'positive-decimal', default: '5' },
    maxRetries: {
      doc: 'Retries of an order after network errors, HTTP 5xx or rate limits (never after other 4xx-class errors).',
      format: 'non-negative-int',
      default: 3,
    },
    retryBaseDelayMs: { doc: 'First retry delay; doubles each retry, with jitter.', format: 'positive-int', default: 2_000 },
    retryMaxDelayMs: { doc: 'Cap of the retry delay.', format: 'positive-int', default: 8_000 },
    closeRetryBaseDelayMs: {
      doc: 'First retry delay of a close or cancel (its reads and reduce-only orders); doubles each retry, up to 8 times this.',
      format: 'positive-int',
      default: 250,
    },
    reconcileIntervalMs: {
      doc: 'Orders and positions are re-read over REST this often, in case the private stream lost an update.',
      format: 'positive-int',
      default: 15_000,
    },
    maxEntryAgeMs: {
      doc: 'An entry older than this (since strategy decided) is never sent or resent: its signal is gone. Closes have no age limit.',
      format: 'positive-int',
      default: 1_000,
    },
  },
  ring: {
    capacity: {
      doc: 'Slots in the tick ring (trades, book tops and feed states; power of two, 64 bytes each).',
      format: 'ring-capacity',
      default: 65_536,
    },
    overflowPolicy: {
      doc: 'Which trade market-data drops when strategy falls a whole ring behind (a book top or feed state always replaces the oldest entry); drops are counted and logged.',
      format: ['drop-oldest', 'drop-newest'],
      default: 'drop-oldest',
    },
    consumerWait: {
      doc: 'How strategy waits on an empty ring: auto spins up to spinMicros before parking while the machine has a core free for it (CPU sampled every second by the main thread) and parks at once otherwise; spin and park force one way.',
      format: ['auto', 'spin', 'park'],
      default: 'auto',
    },
    spinMicros: {
      doc: 'The longest strategy spins on an empty ring before parking, in µs (0 = never): 50000 covers the gaps of a 20 trades/s symbol, at the cost of most of a core while it spins.',
      format: 'spin-micros',
      default: 50_000,
    },
    spinIterations: {
      doc: 'Override: re-check the ring this many times before parking, instead of consumerWait and spinMicros (0 = no override).',
      format: 'non-negative-int',
      default: 0,
    },
    warmEveryMs: {
      doc: "How often an idle hot path rehearses while the machine has a core free (the permit strategy's spin waits for), in ms (0 = never): market-data decodes and classifies its last trade frame again and takes it through a scratch core into a scratch ring, strategy (while it spins) runs a copy of the last trade through a scratch runner and sizes made-up entries, execution validates made-up orders and builds their requests. Code left alone for 15 ms runs 3-5x slower on its next call here; a thread busy with real frames or orders skips it.",
      format: 'warm-every-ms',
      default: 1,
    },
    waitTimeoutMs: {
      doc: 'Longest strategy sleeps on an empty ring before running its timers.',
      format: 'positive-int',
      default: 100,
    },
  },
  channels: {
    commands: { doc: 'Queue capacity of command links (scanner to market-data).', format: 'queue-capacity', default: 32 },
    data: {
      doc: 'Queue capacity of data links (market-data to strategy: symbol changes; market data goes through the tick ring).',
      format: 'queue-capacity',
      default: 1_000,
    },
    execution: {
      doc: 'Queue capacity of execution links (strategy to and from execution).',
      format: 'queue-capacity',
      default: 100,
    },
  },
  threads: {
    sweepWorkers: {
      doc: 'Worker threads for backtest sweeps; 0 uses one per CPU core.',
      format: 'non-negative-int',
      default: 0,
    },
  },
  backtest: {
    orderLatencyMs: {
      doc: 'Backtests and --venue paper: time from a strategy decision to the venue receiving the order (venue time).',
      format: 'non-negative-number',
      default: 2,
    },
    feedbackLatencyMs: {
      doc: "Backtests and --venue paper: time from the venue's answer or private event to strategy hearing it.",
      format: 'non-negative-number',
      default: 2,
    },
    latencyJitterMs: {
      doc: 'Backtests and --venue paper: a seeded uniform 0..this added to each latency above.',
      format: 'non-negative-number',
      default: 1,
    },
    slippageBps: {
      doc: 'Backtests and --venue paper: what the book cannot fill fills this many basis points beyond its last level.',
      format: 'non-negative-number',
      default: 2,
    },
    makerFeeRate: { doc: 'Backtests and --venue paper: maker fee as a fraction (negative: a rebate).', format: 'fee-rate', default: '0.0002' },
    takerFeeRate: { doc: 'Backtests and --venue paper: taker fee as a fraction.', format: 'fee-rate', default: '0.00055' },
    startingBalance: { doc: 'Backtests and --venue paper: USDT the simulated account starts with.', format: 'positive-decimal', default: '10000' },
    seed: {
      doc: "Backtests: seed of the latency jitter and the venue's ids; same data + params + seed = same result.",
      format: 'non-negative-int',
      default: 1,
    },
    inSampleFraction: {
      doc: "Sweeps: the first fraction of the data's time span ranks the combinations; the rest is out-of-sample.",
      format: 'fraction',
      default: 0.7,
    },
  },
  journal: {
    path: {
      doc: 'The trade journal (SQLite): auto is data/journal/<venue>.sqlite with venue sim, paper, testnet, demo, mainnet or url, so paper and live never mix; "" keeps no journal.',
      format: 'optional-path',
      default: 'auto',
    },
    flushIntervalMs: { doc: 'How often queued journal events are written, in one transaction.', format: 'positive-int', default: 200 },
  },
  metrics: {
    listen: {
      doc: 'Prometheus metrics at http://<listen>/metrics: host:port (127.0.0.1 keeps them on this machine, 0.0.0.0 opens them to the network); "" serves none.',
      format: 'listen-address',
      default: '127.0.0.1:9464',
    },
  },
  dashboard: {
    listen: {
      doc: 'The browser dashboard at http://<listen>/: host:port. Its access token is SCALPER_DASHBOARD_TOKEN, or on loopback (127.0.0.1, reached over an SSH tunnel) a random one kept in data/dashboard.token (0600); any other host needs SCALPER_DASHBOARD_TOKEN (24+ characters) or the start is refused. "" serves none.',
      format: 'listen-address',
      default: '127.0.0.1:9465',
    },
    updateIntervalMs: {
      doc: "How often the dashboard's live view is sent to the open pages (250 or more: a few a second at most, never per tick).",
      format: 'dashboard-interval',
      default: 500,
    },
  },
  log: {
    level: {
      doc: 'Log level: error, warn, info (what changes state: switches, orders, fills, halts, reconnects), debug (routine: unchanged reconciles and rankings), trace (raw frames).',
      format: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: 'info',
    },
    format: {
      doc: 'auto: pretty on a terminal (one line per entry, the status redrawn below), JSON lines otherwise; pretty or json force one.',
      format: ['auto', 'pretty', 'json'],
      default: 'auto',
    },
  },
} as const satisfies SchemaTree;
