// Turns what a `ws` socket delivers into text (market-data and execution threads, and the test server).

import type { RawData } from 'ws';

/** binaryType stays 'nodebuffer', so ws hands over each message as one Buffer; the other shapes are for safety. */
export function rawDataText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
