#!/usr/bin/env node
// `pnpm venue`: runs the embedded venue as its own process (main thread). The first line of output is one JSON
// object with restUrl, wsPublicUrl and wsPrivateUrl; it serves until SIGINT or SIGTERM.

import { paperApiKey, paperApiSecret, startVenue } from './start-venue.js';
import { parseVenueArgs, venueUsage } from './venue-cli-args.js';

const argv = process.argv.slice(2);
if (argv.includes('--help')) {
  process.stdout.write(`${venueUsage}\n`);
  process.exit(0);
}

let options;
try {
  options = parseVenueArgs(argv);
} catch (error) {
  process.stderr.write(`venue: ${(error as Error).message}\n`);
  process.exit(2);
}

const venue = await startVenue(options);
const account = options.accounts?.[0] ?? { apiKey: paperApiKey, apiSecret: paperApiSecret };
process.stdout.write(
  `${JSON.stringify({ restUrl: venue.restUrl, wsPublicUrl: venue.wsPublicUrl, wsPrivateUrl: venue.wsPrivateUrl, apiKey: account.apiKey, pid: process.pid })}\n`,
);

let stopping = false;
const stop = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  const stats = venue.stats();
  void venue.close().then(() => {
    process.stderr.write(`venue: stopped on ${signal}; ${JSON.stringify(stats)}\n`);
    process.exit(0);
  });
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
