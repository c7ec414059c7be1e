/**
 * What the engine's other entry points count: inbound e-mails by what listening decided, re-plan jobs
 * and the leads they touched, and each throttled attempt of the scheduler client (never who).
 */
import { DeleteScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { Context, SESEvent, SQSEvent } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureStdoutMetrics } from '../support/emitted-metrics';

await vi.hoisted(async () => (await import('../support/emitted-metrics')).enableMetrics());

vi.mock('../../lambdas/adapters/raw-mail-store', () => ({
  rawMailStore: vi.fn(() => ({
    read: vi.fn(async () => Buffer.from('From: a@b.example\r\nSubject: Hi\r\n\r\nHello\r\n')),
  })),
}));
vi.mock('../../lambdas/engine/inbound-mail', () => ({
  handleInboundEmail: vi.fn(async () => ({ decision: 'replied', orgId: 'acme', leadId: 'lead-1' })),
}));
vi.mock('../../lambdas/engine/replan', () => ({
  workOnReplanJob: vi.fn(async () => ({ touched: 4 })),
}));

const context = { getRemainingTimeInMillis: () => 60_000 } as unknown as Context;
let stdout: ReturnType<typeof captureStdoutMetrics>;
beforeEach(() => {
  stdout = captureStdoutMetrics();
});
afterEach(() => stdout.stop());

describe('engine metrics', () => {
  it('counts an inbound e-mail by its decision, with no org or lead', async () => {
    // Prepare
    const { handler } = await import('../../lambdas/inbound-email');
    const event = {
      Records: [
        {
          ses: {
            mail: { messageId: 'm-1', timestamp: '2026-03-02T10:00:00.000Z' },
            receipt: { recipients: ['maya@assistants.example'] },
          },
        },
      ],
    } as unknown as SESEvent;

    // Act
    await handler(event, context);

    // Assess
    expect(stdout.metrics()).toContainEqual(
      expect.objectContaining({
        name: 'InboundMessages',
        value: 1,
        dimensions: { service: 'followup-engine', decision: 'replied' },
      }),
    );
  });

  it('counts a re-plan job and the leads it re-timed or completed', async () => {
    // Prepare
    const { handler } = await import('../../lambdas/replan-worker');
    const event = {
      Records: [
        { messageId: 'q-1', body: JSON.stringify({ orgId: 'acme', sequenceId: 'seq-1', version: 2 }) },
      ],
    } as unknown as SQSEvent;

    // Act
    const result = await handler(event, context);

    // Assess
    expect(result).toEqual({ batchItemFailures: [] });
    const names = stdout.metrics().map((metric) => [metric.name, metric.value]);
    expect(names).toContainEqual(['ReplanJobs', 1]);
    expect(names).toContainEqual(['ReplanLeadsTouched', 4]);
  });

  it('counts each throttled attempt of the scheduler client', async () => {
    // Prepare: the engine's client carries the counter; a client of the test's own, with one attempt
    // and a transport that answers 400 ThrottlingException as the scheduler does, shows what it counts.
    const { countSchedulerThrottles, schedulerClient } = await import(
      '../../lambdas/adapters/step-scheduler'
    );
    const client = new SchedulerClient({
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      requestHandler: {
        handle: async () => ({
          response: {
            statusCode: 400,
            headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'ThrottlingException' },
            body: Buffer.from(JSON.stringify({ message: 'Rate exceeded' })),
          },
        }),
      },
    });
    client.middlewareStack.add(countSchedulerThrottles.middleware, countSchedulerThrottles.options);

    // Act
    const failure = await client
      .send(new DeleteScheduleCommand({ Name: 'lead-1-r1-abcd', GroupName: 'followup' }))
      .catch((error: unknown) => error);

    // Assess: stored, as counts without dimensions are, until the invocation's logMetrics flushes them.
    (await import('../../lambdas/runtime/observability')).metrics.publishStoredMetrics();
    expect((failure as Error).name).toBe('ThrottlingException');
    expect(stdout.metrics().filter((metric) => metric.name === 'SchedulerThrottles')).toEqual([
      expect.objectContaining({ value: 1, dimensions: { service: 'followup-engine' } }),
    ]);
    expect((await schedulerClient()).middlewareStack.identify().join(' ')).toContain(
      'countSchedulerThrottles',
    );
  });
});
