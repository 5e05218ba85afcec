// Test support (Jest thread): polls a probe every 100 ms until it gives a value, for the engine's integration tests.

/** Resolves with the probe's first value other than undefined; throws naming `what` (evaluated late) on timeout. */
export async function until<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  what: string | (() => string | Promise<string>),
  timeoutMs = 25_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : await what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
