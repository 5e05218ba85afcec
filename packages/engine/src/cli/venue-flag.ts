// `--venue sim|paper|testnet|demo|mainnet|url` and `--record FILE`: the short ways to pick a venue and record a session on
// the command line (main thread), translated into the config options they stand for before the strict loader runs.

export function translateVenueFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    let value: string | undefined;
    if (token === '--record' || token.startsWith('--record=')) {
      const file = token === '--record' ? argv[++i] : token.slice('--record='.length);
      if (file === undefined || file === '' || file.startsWith('--'))
        throw new Error('--record needs a file name, e.g. --record data/paper-session.jsonl.gz');
      out.push('--venue.record', file);
      continue;
    }
    if (token === '--venue') value = argv[++i];
    else if (token.startsWith('--venue=')) value = token.slice('--venue='.length);
    else {
      out.push(token);
      continue;
    }
    switch (value) {
      case 'sim':
        out.push('--env', 'sim');
        break;
      case 'paper':
        // The embedded venue on Bybit mainnet's public data (or BYBIT_REST_URL / BYBIT_WS_PUBLIC_URL): no keys.
        out.push('--venue.kind', 'paper');
        break;
      case 'testnet':
        out.push('--env', 'testnet');
        break;
      case 'demo':
        // Bybit demo trading: its REST and private stream, mainnet's public data (config/demo.json); a demo key.
        out.push('--env', 'demo');
        break;
      case 'mainnet':
        out.push('--env', 'live');
        break;
      case 'url':
        // Whatever BYBIT_REST_URL, BYBIT_WS_PUBLIC_URL and BYBIT_WS_PRIVATE_URL name, e.g. a `pnpm venue` elsewhere.
        out.push('--venue.kind', 'bybit');
        break;
      default:
        throw new Error(`--venue must be sim, paper, testnet, demo, mainnet or url, got ${JSON.stringify(value)}`);
    }
  }
  return out;
}
