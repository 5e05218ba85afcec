// Custom convict formats for the engine's configuration (main thread, at start-up). Each one coerces text from an
// environment variable or argument only when it parses exactly, so a bad value reaches validation unchanged and
// the error shows what the user typed.

import Big from 'big.js';
import convict from 'convict';
import { isDecimalString, isPowerOfTwo, isSymbol, maxScaleDecimals, ringLayout } from '@scalper/protocol';

type Format = convict.Format;

const integerText = /^-?\d+$/;
const numberText = /^-?(\d+\.?\d*|\.\d+)$/;

function coerceInteger(value: unknown): unknown {
  return typeof value === 'string' && integerText.test(value.trim()) ? Number(value.trim()) : value;
}

function coerceNumber(value: unknown): unknown {
  return typeof value === 'string' && numberText.test(value.trim()) ? Number(value.trim()) : value;
}

function integerFormat(name: string, min: number, max: number): Format {
  return {
    name,
    coerce: coerceInteger,
    validate(value: unknown) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
        throw new Error(`must be an integer from ${min} to ${max}`);
      }
    },
  };
}

function numberFormat(name: string, description: string, accept: (value: number) => boolean): Format {
  return {
    name,
    coerce: coerceNumber,
    validate(value: unknown) {
      if (typeof value !== 'number' || !Number.isFinite(value) || !accept(value)) {
        throw new Error(`must be ${description}`);
      }
    },
  };
}

function urlFormat(name: string, protocols: readonly string[]): Format {
  return {
    name,
    validate(value: unknown) {
      let parsed: URL | null;
      try {
        parsed = typeof value === 'string' ? new URL(value) : null;
      } catch {
        parsed = null;
      }
      if (parsed === null || !protocols.includes(parsed.protocol)) {
        throw new Error(`must be an absolute ${protocols.map((p) => p.replace(':', '')).join(' or ')} URL`);
      }
    },
  };
}

const wsUrl = urlFormat('ws-url', ['ws:', 'wss:']);

/** Money and sizes stay decimal strings (exact), never floats: a JSON number is refused, not rounded. */
const positiveDecimal: Format = {
  name: 'positive-decimal',
  validate(value: unknown) {
    if (!isDecimalString(value) || !/[1-9]/.test(value) || value.startsWith('-')) {
      throw new Error('must be a positive plain decimal such as "1000" or "0.5" (quote it in JSON)');
    }
    const fraction = value.split('.')[1] ?? '';
    if (fraction.length > maxScaleDecimals) throw new Error(`must have at most ${maxScaleDecimals} decimals`);
  },
};

/** A fee as a fraction of the notional: a decimal string that may be negative (a maker rebate), below 0.01. */
const feeRate: Format = {
  name: 'fee-rate',
  validate(value: unknown) {
    const magnitude = typeof value === 'string' && value.startsWith('-') ? value.slice(1) : value;
    if (!isDecimalString(magnitude) || new Big(magnitude).gte('0.01')) {
      throw new Error('must be a plain decimal fraction below 0.01 such as "0.00055" or "-0.0001" (quote it in JSON)');
    }
  },
};

const symbolList: Format = {
  name: 'symbol-list',
  coerce: (value: unknown) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s.length > 0)
      : value,
  validate(value: unknown) {
    if (!Array.isArray(value) || !value.every((s) => isSymbol(s))) {
      throw new Error('must be a list of upper-case symbols such as ["SUIUSDT","WIFUSDT"] or "SUIUSDT,WIFUSDT"');
    }
  },
};

const ringCapacity: Format = {
  name: 'ring-capacity',
  coerce: coerceInteger,
  validate(value: unknown) {
    if (typeof value !== 'number' || !isPowerOfTwo(value) || value < 1024 || value > ringLayout.kMaxCapacity) {
      throw new Error(`must be a power of two from 1024 to ${ringLayout.kMaxCapacity}`);
    }
  },
};

const optionalPath: Format = {
  name: 'optional-path',
  validate(value: unknown) {
    if (typeof value !== 'string' || value.includes('\0')) throw new Error('must be a file path, or "" for none');
  },
};

/** 'auto' (derived from the private stream's URL) or an absolute ws:// or wss:// URL. */
const tradeWsUrl: Format = {
  name: 'trade-ws-url',
  validate(value: unknown) {
    if (value === 'auto') return;
    try {
      wsUrl.validate?.(value, undefined as never);
    } catch {
      throw new Error('must be auto or an absolute ws or wss URL');
    }
  },
};

/** "" (off) or host:port, IPv6 hosts in brackets; port 0 takes any free port (tests). */
const listenAddress: Format = {
  name: 'listen-address',
  validate(value: unknown) {
    if (value === '') return;
    const match = typeof value === 'string' ? /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(value) : null;
    if (match === null || Number(match[2]) > 65_535) throw new Error('must be host:port such as 127.0.0.1:9464, or "" for none');
  },
};

/** convict's own Boolean turns any text but "false" into true; a typo must not switch a safety option on. */
const strictBoolean: Format = {
  name: 'strict-boolean',
  coerce: (value: unknown) => {
    const text = typeof value === 'string' ? value.trim().toLowerCase() : value;
    if (text === 'true' || text === '1' || text === 'yes') return true;
    if (text === 'false' || text === '0' || text === 'no') return false;
    return value;
  },
  validate(value: unknown) {
    if (typeof value !== 'boolean') throw new Error('must be true or false');
  },
};

const secret: Format = {
  name: 'secret',
  validate(value: unknown) {
    if (typeof value !== 'string' || /\s/.test(value)) throw new Error('must be a string without spaces');
  },
};

const engineFormats: readonly Format[] = [
  integerFormat('port-or-zero', 0, 65_535),
  integerFormat('positive-int', 1, Number.MAX_SAFE_INTEGER),
  integerFormat('non-negative-int', 0, Number.MAX_SAFE_INTEGER),
  integerFormat('window-ticks', 2, 10_000),
  integerFormat('interval-ms', 1_000, 86_400_000),
  integerFormat('queue-capacity', 1, 1_000_000),
  integerFormat('dashboard-interval', 250, 60_000),
  integerFormat('spin-micros', 0, 1_000_000),
  integerFormat('warm-every-ms', 0, 1_000),
  numberFormat('positive-number', 'a number greater than 0', (v) => v > 0),
  numberFormat('non-negative-number', 'a number of 0 or more', (v) => v >= 0),
  numberFormat('multiplier-above-one', 'a number greater than 1', (v) => v > 1),
  numberFormat('boost', 'a number of 1 or more', (v) => v >= 1),
  numberFormat('fraction', 'a fraction greater than 0 and below 1 (0.001 = 0.1 %)', (v) => v > 0 && v < 1),
  numberFormat('percent', 'a percentage greater than 0 and below 100', (v) => v > 0 && v < 100),
  urlFormat('http-url', ['http:', 'https:']),
  wsUrl,
  tradeWsUrl,
  positiveDecimal,
  feeRate,
  symbolList,
  ringCapacity,
  optionalPath,
  listenAddress,
  strictBoolean,
  secret,
];

let registered = false;

/** convict keeps formats in a global registry: add ours once per thread. */
export function registerEngineFormats(): void {
  if (registered) return;
  convict.addFormats(Object.fromEntries(engineFormats.map((format) => [format.name, format])));
  registered = true;
}
