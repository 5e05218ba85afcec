// The validated engine configuration as every thread receives it (main thread validates it; workers get it at
// start). The schema with docs, formats and defaults lives in packages/engine/src/config/schema.ts.

export interface EngineConfig {
  env: 'sim' | 'testnet' | 'demo' | 'live';
  trading: { confirmLive: boolean };
  venue: {
    kind: 'sim' | 'paper' | 'bybit';
    restUrl: string;
    wsPublicUrl: string;
    wsPrivateUrl: string;
    /** The WebSocket trade API: 'auto' (the private stream's host, /v5/trade) or a ws(s) URL. */
    wsTradeUrl: string;
    recvWindowMs: number;
    requestTimeoutMs: number;
    /** sim and paper: the session recording's file; '' for none. */
    record: string;
    sim: { host: string; port: number; seed: number; tradesPerSecond: number; market: 'live-like' | 'calm' };
  };
  credentials: { apiKey: string; apiSecret: string };
  scanner: {
    intervalMs: number;
    switchThreshold: number;
    whitelist: string[];
    whitelistBoost: number;
    minTurnover24hUsd: string;
  };
  strategy: {
    windowTicks: number;
    momentumThreshold: number;
    stopLossPercent: number;
    positionSizeUsd: string;
    marketMaxSpreadBps: number;
    maxEntrySpreadBps: number;
    minTopSize: string;
    staleDataMs: number;
    takeProfitPercent: number;
    maxHoldingMs: number;
    cooldownAfterExitMs: number;
  };
  risk: {
    maxPositionNotionalUsd: string;
    maxDailyLossUsd: string;
    maxOrdersPerMinute: number;
    cooldownAfterStopMs: number;
    killSwitchFile: string;
    closeOnShutdown: boolean;
  };
  execution: {
    /** websocket: creates over the trade API while its socket is open, REST otherwise; rest: REST only. */
    orderEntry: 'websocket' | 'rest';
    leverage: string;
    maxRetries: number;
    retryBaseDelayMs: number;
    retryMaxDelayMs: number;
    closeRetryBaseDelayMs: number;
    reconcileIntervalMs: number;
    maxEntryAgeMs: number;
  };
  ring: {
    capacity: number;
    overflowPolicy: 'drop-oldest' | 'drop-newest';
    consumerWait: 'auto' | 'spin' | 'park';
    spinMicros: number;
    spinIterations: number;
    /** How often an idle hot path (market-data, strategy, execution) rehearses while a core is free, in ms (0 = never). */
    warmEveryMs: number;
    waitTimeoutMs: number;
  };
  channels: { commands: number; data: number; execution: number };
  threads: { sweepWorkers: number };
  backtest: {
    orderLatencyMs: number;
    feedbackLatencyMs: number;
    latencyJitterMs: number;
    slippageBps: number;
    makerFeeRate: string;
    takerFeeRate: string;
    startingBalance: string;
    seed: number;
    inSampleFraction: number;
  };
  journal: {
    /** 'auto' (data/journal/<venue>.sqlite), a path, or '' for none. */
    path: string;
    flushIntervalMs: number;
  };
  metrics: {
    /** host:port of the Prometheus endpoint, or '' for none. */
    listen: string;
  };
  dashboard: {
    /** host:port of the browser dashboard, or '' for none. */
    listen: string;
    updateIntervalMs: number;
  };
  log: {
    level: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
    /** auto: pretty when stdout is a terminal, else json. Workers always get the resolved value. */
    format: 'auto' | 'pretty' | 'json';
  };
}

/** What every worker gets besides its ports: the config, where the venue is, and the credentials to use there. */
export interface WorkerConfig {
  readonly engine: EngineConfig;
  readonly venue: {
    readonly restUrl: string;
    readonly wsPublicUrl: string;
    readonly wsPrivateUrl: string;
    /** The WebSocket trade API's URL; '' when orders go over REST only. */
    readonly wsTradeUrl: string;
  };
  readonly credentials: { readonly apiKey: string; readonly apiSecret: string };
}
