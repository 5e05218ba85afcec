// The 60-second soak (issue 7): the whole engine against the embedded venue with every fault on must place no
// duplicate order, never disagree with the venue on the position beyond one update, trade nothing while the feed
// is stalled, and meet no unhandled error.

import { describe, expect, it } from '@jest/globals';
import { renderSoakReport, soakFailures } from './soak-report.js';
import { runSoak } from './soak-run.js';

describe('soak', () => {
  it('survives 60 s of drops, 503s, 10006s, malformed and duplicated frames, REST latency, a stall, close and subscription faults and a worker kill', async () => {
    const report = await runSoak({ seconds: 60, seed: 7 });
    expect({ failures: soakFailures(report), report: renderSoakReport(report) }).toMatchObject({ failures: [] });
    // The faults really happened and the engine really traded through them.
    expect(report.drops.public + report.drops.private).toBeGreaterThanOrEqual(2);
    expect(report.dropToResubscribedMs.count).toBeGreaterThanOrEqual(1);
    expect(report.ordersAccepted).toBeGreaterThanOrEqual(4);
    expect(report.positionChecks).toBeGreaterThanOrEqual(6);
    expect(report.restarts.length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});
