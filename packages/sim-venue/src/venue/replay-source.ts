// Opens a recording for the venue's --replay (venue thread, at start): a file or a directory of files, read through
// @scalper/recording's streaming reader (the one the backtests use), with each symbol's rules from the header's
// instruments-info items, or, for a recording without them, from a first streaming pass over its frames.

import { openRecordings, type RecordingHeader } from '@scalper/recording';
import { ReplayMarket, type ReplaySpeed } from '../core/replay/replay-market.js';
import { ReplaySymbolScan } from '../core/replay/replay-instruments.js';
import { specsBySymbol } from '../core/market/instrument-items.js';
import type { InstrumentSpec } from '../core/venue-types.js';

export interface ReplayOptions {
  /** A recording file (.jsonl or .jsonl.gz), or a directory of them (merged by receive time). */
  readonly file: string;
  readonly speed: ReplaySpeed;
}

export async function openReplayMarket(options: ReplayOptions, startMs: number, catalog: readonly InstrumentSpec[]): Promise<ReplayMarket> {
  const source = await openRecordings(options.file);
  try {
    const specs = specsFromHeader(source.header) ?? (await scanSymbols(options.file, source.header, catalog));
    const market = new ReplayMarket({ source, specs, speed: options.speed, startMs });
    await market.ready();
    return market;
  } catch (error) {
    source.close();
    throw error;
  }
}

/** The header's rules, when it has a usable item for every symbol it lists; else null (scan the frames). */
function specsFromHeader(header: RecordingHeader | null): InstrumentSpec[] | null {
  if (header === null || header.symbols.length === 0) return null;
  const recorded = specsBySymbol(header.instruments);
  const specs: InstrumentSpec[] = [];
  for (const symbol of header.symbols) {
    const spec = recorded.get(symbol);
    if (spec === undefined) return null;
    specs.push(spec);
  }
  return specs;
}

async function scanSymbols(path: string, header: RecordingHeader | null, catalog: readonly InstrumentSpec[]): Promise<InstrumentSpec[]> {
  const scan = new ReplaySymbolScan();
  const pass = await openRecordings(path);
  try {
    for await (const line of pass.frames()) {
      try {
        scan.noteFrame(JSON.parse(line.text) as Record<string, unknown>);
      } catch {
        // Not JSON: the replay counts it as a bad frame when it gets there.
      }
    }
  } finally {
    pass.close();
  }
  return scan.specs(header?.instruments ?? [], catalog);
}
