// The REST answer envelope exactly as Bybit v5 sends it (venue thread): retCode, retMsg, result, retExtInfo, time.

export interface Envelope {
  readonly retCode: number;
  readonly retMsg: string;
  readonly result: unknown;
  readonly retExtInfo: Record<string, never>;
  readonly time: number;
}

export function okEnvelope(result: unknown, nowMs: number): Envelope {
  return { retCode: 0, retMsg: 'OK', result, retExtInfo: {}, time: nowMs };
}

export function errorEnvelope(retCode: number, retMsg: string, nowMs: number): Envelope {
  return { retCode, retMsg, result: {}, retExtInfo: {}, time: nowMs };
}

/** A business refusal travels inside the venue as a value, then becomes an HTTP 200 envelope like on Bybit. */
export interface VenueRefusal {
  readonly retCode: number;
  readonly retMsg: string;
}

export function isRefusal(value: unknown): value is VenueRefusal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as VenueRefusal).retCode === 'number' &&
    typeof (value as VenueRefusal).retMsg === 'string'
  );
}
