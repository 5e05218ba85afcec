// Removes secrets from a serialized log line before it is written (any thread). Path-based redaction in
// create-logger.ts covers known fields; this catches the rest: a secret inside a message or an error text, and
// anything shaped like an HMAC-SHA256 signature, wherever it appears.

const redactedText = '[REDACTED]';

/** A hex SHA-256 HMAC (what Bybit signatures are); no other 64-hex value is logged by this engine. */
const hexSignature = /(?<![0-9a-fA-F])[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;

/** Secrets shorter than this are refused: scrubbing every "a" from every line would destroy the logs. */
export const minSecretLength = 8;

export class SecretScrubber {
  private readonly secrets: string[] = [];

  /** Registers values that must never be written (API secret, API key). Empty values are ignored. */
  add(...values: readonly string[]): void {
    for (const value of values) {
      if (value === '') continue;
      if (value.length < minSecretLength) {
        throw new RangeError(`refusing to register a secret shorter than ${minSecretLength} characters`);
      }
      if (!this.secrets.includes(value)) this.secrets.push(value);
    }
    // Longest first, so a secret that contains another is removed whole.
    this.secrets.sort((a, b) => b.length - a.length);
  }

  scrub(line: string): string {
    let out = line;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(redactedText);
    }
    return out.replace(hexSignature, redactedText);
  }
}
