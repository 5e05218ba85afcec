// Builds a BybitWsConnection wired to recorders, with timings small enough for tests (Jest thread), and closes
// every connection it built so no socket or timer outlives a test.

import { BybitWsConnection } from '../ws-connection.js';
import type { BybitWsConnectionOptions } from '../ws-connection-options.js';
import type { WsConnectionState, WsDataFrame } from '../ws-connection-types.js';
import type { WsProblem } from '../ws-problem.js';

export interface Harness {
  readonly connection: BybitWsConnection;
  readonly frames: WsDataFrame[];
  readonly states: WsConnectionState[];
  readonly reasons: string[];
  readonly problems: WsProblem[];
}

/** Ping 100 ms, pong deadline 300 ms (slack for a loaded CI box), acks 500 ms, reconnect from 20 ms. */
export const fastTimings = {
  pingIntervalMs: 100,
  pongTimeoutMs: 300,
  ackTimeoutMs: 500,
  connectTimeoutMs: 1_000,
  reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
} as const satisfies Partial<BybitWsConnectionOptions>;

const built: BybitWsConnection[] = [];

export function harness(url: string, overrides: Partial<BybitWsConnectionOptions> = {}): Harness {
  const frames: WsDataFrame[] = [];
  const states: WsConnectionState[] = [];
  const reasons: string[] = [];
  const problems: WsProblem[] = [];
  const connection = new BybitWsConnection(
    { url, name: 'test-ws', ...fastTimings, ...overrides },
    {
      onFrame: (frame) => frames.push(frame),
      onStateChange: (state, reason) => {
        states.push(state);
        reasons.push(reason);
      },
      onProblem: (problem) => problems.push(problem),
    },
  );
  built.push(connection);
  return { connection, frames, states, reasons, problems };
}

/** For afterEach: closes every connection built since the last call. */
export async function closeHarnesses(): Promise<void> {
  const connections = built.splice(0);
  await Promise.all(connections.map((connection) => connection.close()));
}
