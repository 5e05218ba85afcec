// The parameters a backtest ran with, flattened for the report and the sweep table (backtest thread): the
// strategy's options, the risk options strategy and execution use, and the backtest's fill model.

import type { EngineConfig } from '@scalper/protocol';

export function backtestParams(config: EngineConfig): Readonly<Record<string, string | number>> {
  const { strategy, risk, backtest, scanner } = config;
  return {
    ...strategy,
    cooldownAfterStopMs: risk.cooldownAfterStopMs,
    maxPositionNotionalUsd: risk.maxPositionNotionalUsd,
    maxDailyLossUsd: risk.maxDailyLossUsd,
    maxOrdersPerMinute: risk.maxOrdersPerMinute,
    switchThreshold: scanner.switchThreshold,
    scannerIntervalMs: scanner.intervalMs,
    leverage: config.execution.leverage,
    orderLatencyMs: backtest.orderLatencyMs,
    feedbackLatencyMs: backtest.feedbackLatencyMs,
    latencyJitterMs: backtest.latencyJitterMs,
    slippageBps: backtest.slippageBps,
    makerFeeRate: backtest.makerFeeRate,
    takerFeeRate: backtest.takerFeeRate,
    startingBalance: backtest.startingBalance,
    seed: backtest.seed,
  };
}
