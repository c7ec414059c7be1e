/**
 * The domain events' block of docs/performance.md and its priced line: events per sent step count a
 * lead's whole life (its enrollment too) over the steps sent, a delivery's cost adds the publisher's
 * enqueueing to the worker's requests, and `--only events` rewrites its own block in place.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRICES } from '../../../bench/cost-model';
import type { EventsPhase, EventsResult } from '../../../bench/events';
import {
  EVENTS_BEGIN,
  EVENTS_END,
  eventsCost,
  renderEventsReport,
  writeEventsReport,
} from '../../../bench/events-report';

const latency = { samples: 20, p50: 800, p99: 1900, mean: 900, max: 2000 };

/** Ten events delivered to two webhooks each: the publisher enqueues 20, the worker delivers 20. */
function phase(label: string, sent: number, putEvents: number): EventsPhase {
  return {
    label,
    sent,
    events: 10,
    byType: { [sent === 0 ? 'lead.enrolled' : 'step.sent']: 10 },
    publisher: {
      'EventBridge:PutEvents': putEvents,
      'DynamoDB:Query': putEvents,
      'DynamoDB:PutItem': 20,
      'DynamoDB:UpdateItem': 20,
      'SQS:SendMessage': 20,
    },
    worker: { 'DynamoDB:GetItem': 40, 'DynamoDB:UpdateItem': 40 },
    delivered: 20,
    expected: 20,
    latency,
    wallMs: 1000,
  };
}

const result: EventsResult = {
  orgs: 1,
  endpoints: 2,
  leads: 10,
  phases: [phase('enrollment', 0, 1), phase('step 1', 10, 10)],
  refused: 0,
};

describe('the domain events’ bench figures', () => {
  it('prices a sent step’s events with its lead’s enrollment, and a delivery with both functions’ requests', () => {
    // Act
    const cost = eventsCost(result);

    // Assess: 20 events over 10 sent steps; 11 PutEvents and 11 look-ups over the same 10.
    expect(cost.eventsPerStep).toBe(2);
    expect(cost.busLines.eventBridge).toBeCloseTo(1000 * 2 * PRICES.eventBridgeEvent.usd, 12);
    expect(cost.busLines.lambda).toBeCloseTo(
      1000 * 1.1 * (PRICES.lambdaRequest.usd + 0.05 * PRICES.lambdaArmGbSecond.usd),
      12,
    );
    expect(cost.busLines.dynamodb).toBeCloseTo(1000 * 1.1 * PRICES.dynamodbReadUnit.usd, 12);
    // A delivery: 2 reads (1 RRU), 4 writes (3 WRU), 1 message (3 SQS requests), one 75 GB-ms invocation.
    const perDelivery =
      2 * PRICES.dynamodbReadUnit.usd +
      12 * PRICES.dynamodbWriteUnit.usd +
      3 * PRICES.sqsRequest.usd +
      PRICES.lambdaRequest.usd +
      0.075 * PRICES.lambdaArmGbSecond.usd;
    expect(cost.perThousandDeliveries).toBeCloseTo(1000 * perDelivery, 12);
  });

  describe('its block in docs/performance.md', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'events-report-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('is rewritten in place, keeping what is around it', () => {
      // Prepare
      const path = join(dir, 'performance.md');
      writeFileSync(path, `# Performance\n\n${EVENTS_BEGIN}\nold figures\n${EVENTS_END}\n\n## After\n`);
      const block = renderEventsReport({
        command: 'npm run bench -- --only events',
        source: 'commit abc1234',
        startedAt: new Date('2026-12-07T12:00:00Z'),
        machine: { nproc: 2, memoryGiB: 4, cpu: 'test', node: 'v24', os: 'Linux', loadAtStart: 1 },
        events: result,
      });

      // Act
      writeEventsReport(path, block);

      // Assess
      const written = readFileSync(path, 'utf8');
      expect(written).not.toContain('old figures');
      expect(written.startsWith('# Performance\n\n')).toBe(true);
      expect(written.endsWith('\n\n## After\n')).toBe(true);
      expect(written).toContain('| **PutEvents requests** | **1** (1 entries a request) |');
      expect(written).toContain('| 20 / 20 | 800 / 1900 / 2000 |');
    });
  });
});
