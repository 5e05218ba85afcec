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
};

const probabilityKeys = ['http503Probability', 'rateLimitProbability', 'malformedFrameProbability', 'duplicateFrameProbability'] as const;

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
  if (!(name in noFaults)) {
    throw new Error(`unknown fault ${name}; known: ${[...Object.keys(noFaults).filter((k) => k !== 'stallUntilMs'), 'stallSec'].join(', ')}`);
  }
  if ((probabilityKeys as readonly string[]).includes(name) && value > 1) throw new Error(`fault ${name}: a probability must be within 0..1`);
  (plan as unknown as Record<string, number>)[name] = value;
}

export function isStalled(plan: FaultPlan, nowMs: number): boolean {
  return nowMs < plan.stallUntilMs;
}
