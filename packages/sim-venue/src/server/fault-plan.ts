// Fault injection settings of the venue (venue thread), settable at start and changed at run time: dropped
// sockets, HTTP 503 and 10006 answers, REST latency, malformed and duplicated frames, and a half-open stall.

export interface FaultPlan {
  /** Close every public socket this often (0 = never). */
  dropPublicEverySec: number;
  dropPrivateEverySec: number;
  /** Probability that a REST request is answered HTTP 503 instead of being served. */
  http503Probability: number;
  /** Probability that a private REST request is answered retCode 10006 (without a reset header, as Bybit sometimes does). */
  rateLimitProbability: number;
  /** Added to every REST answer. */
  restLatencyMs: number;
  /** Probability that a public data frame is replaced by broken JSON. */
  malformedFrameProbability: number;
  /** Probability that a public data frame is sent twice. */
  duplicateFrameProbability: number;
  /** While now < stallUntilMs, sockets stay open but nothing is sent and pings go unanswered. */
  stallUntilMs: number;
  /** Probability that a reduce-only create meets a book holding half its size: it fills partly and the rest is cancelled. */
  partialCloseProbability: number;
  /** Probability that a public subscribe or unsubscribe is refused with `success: false` and changes nothing. */
  subscribeRefusalProbability: number;
  /** Probability that a create is executed on arrival but answered only after lateCreateAnswerMs (past a client's timeout). */
  lateCreateAnswerProbability: number;
  lateCreateAnswerMs: number;
  /** Probability that the private sockets drop as a reduce-only create arrives, before its updates are pushed. */
  dropPrivateOnCloseProbability: number;
  /** Probability that a WebSocket trade request is answered 10019 (trade service restarting) and not carried out. */
  tradeRestartingProbability: number;
  /** While now < tradeDownUntilMs, trade sockets are closed and new ones refused (set with tradeDownSec=N). */
  tradeDownUntilMs: number;
}

export const noFaults: Readonly<FaultPlan> = {
  dropPublicEverySec: 0,
  dropPrivateEverySec: 0,
  http503Probability: 0,
  rateLimitProbability: 0,
  restLatencyMs: 0,
  malformedFrameProbability: 0,
  duplicateFrameProbability: 0,
  stallUntilMs: 0,
  partialCloseProbability: 0,
  subscribeRefusalProbability: 0,
  lateCreateAnswerProbability: 0,
  lateCreateAnswerMs: 6_000,
  dropPrivateOnCloseProbability: 0,
  tradeRestartingProbability: 0,
  tradeDownUntilMs: 0,
};

const probabilityKeys = [
  'http503Probability',
  'rateLimitProbability',
  'malformedFrameProbability',
  'duplicateFrameProbability',
  'partialCloseProbability',
  'subscribeRefusalProbability',
  'lateCreateAnswerProbability',
  'dropPrivateOnCloseProbability',
  'tradeRestartingProbability',
] as const;

/** The faults that fire on their own, counted for the venue probe. */
export type InjectedFault = 'partialClose' | 'subscribeRefused' | 'lateCreateAnswer' | 'privateDropOnClose' | 'tradeRestarting';

/** Draws `probability` from the fault randomness; no draw at all when the fault is off, so other faults' draws do not move. */
export function faultFires(probability: number, random: () => number): boolean {
  return probability > 0 && random() < probability;
}

/**
 * Applies "name=value" settings (CLI --fault, or at run time). `stallSec=30` starts a 30 s stall now. Throws on
 * an unknown name or a bad value: a fault test that silently injects nothing proves nothing.
 */
export function applyFaultSetting(plan: FaultPlan, setting: string, nowMs: number): void {
  const match = /^([A-Za-z0-9]+)=(.+)$/.exec(setting.trim());
  if (match === null) throw new Error(`fault setting must look like name=value, got ${JSON.stringify(setting)}`);
  const name = match[1] as string;
  const value = Number(match[2]);
  if (!Number.isFinite(value) || value < 0) throw new Error(`fault ${name}: value must be a number >= 0, got ${JSON.stringify(match[2])}`);
  if (name === 'stallSec') {
    plan.stallUntilMs = nowMs + value * 1_000;
    return;
  }
  if (name === 'tradeDownSec') {
    plan.tradeDownUntilMs = nowMs + value * 1_000;
    return;
  }
  if (!(name in noFaults)) {
    const timed = ['stallUntilMs', 'tradeDownUntilMs'];
    throw new Error(
      `unknown fault ${name}; known: ${[...Object.keys(noFaults).filter((k) => !timed.includes(k)), 'stallSec', 'tradeDownSec'].join(', ')}`,
    );
  }
  if ((probabilityKeys as readonly string[]).includes(name) && value > 1) throw new Error(`fault ${name}: a probability must be within 0..1`);
  (plan as unknown as Record<string, number>)[name] = value;
}

export function isTradeDown(plan: FaultPlan, nowMs: number): boolean {
  return nowMs < plan.tradeDownUntilMs;
}

export function isStalled(plan: FaultPlan, nowMs: number): boolean {
  return nowMs < plan.stallUntilMs;
}
