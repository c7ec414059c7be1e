/** What an API function counts per request: the route and the status class, never who called. */
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { operations, routeKey } from '../../../lambdas/http/contract';
import { handler } from '../../../lambdas/sequences-api';
import { captureStdoutMetrics } from '../../support/emitted-metrics';
import { invoke } from '../../support/invoke';
import { storedSequence } from '../../support/stored-sequence';

await vi.hoisted(async () => (await import('../../support/emitted-metrics')).enableMetrics());

const db = mockClient(DynamoDBDocumentClient);
const alice = { orgId: 'acme', userId: 'alice' };
const stored = { pk: 'ORG#acme', sk: 'SEQ#s1', entity: 'sequence', ...storedSequence() };
const replacement = { name: 'Europe', description: '', type: 'standard', steps: stored.steps };
const replaceSequence = (ifMatch: string) =>
  invoke(handler, 'replaceSequence', {
    caller: alice,
    params: { id: 's1' },
    headers: { 'if-match': ifMatch },
    body: replacement,
  });

let stdout: ReturnType<typeof captureStdoutMetrics>;
beforeEach(() => {
  db.reset();
  stdout = captureStdoutMetrics();
});
afterEach(() => stdout.stop());

/** The ApiRequests counts emitted, with their whole dimension set. */
const requestCounts = () =>
  stdout
    .metrics()
    .filter((metric) => metric.name === 'ApiRequests')
    .map(({ namespace, dimensions, value }) => ({ namespace, dimensions, value }));
const counted = (statusClass: string) => ({
  namespace: 'FollowupEngine',
  dimensions: { service: 'followup-engine', route: routeKey(operations.replaceSequence), statusClass },
  value: 1,
});

describe('counting API requests', () => {
  it('counts an answered request by its route key and 2xx', async () => {
    db.on(GetCommand).resolves({ Item: stored });
    db.on(TransactWriteCommand).resolves({});

    const response = await replaceSequence('"4"');

    expect(response.status).toBe(200);
    expect(requestCounts()).toEqual([counted('2xx')]);
  });

  it('counts a refused request as 4xx, after the error mapping made its response', async () => {
    db.on(GetCommand).resolves({ Item: stored });

    const response = await replaceSequence('"3"');

    expect(response.status).toBe(412);
    expect(requestCounts()).toEqual([counted('4xx')]);
  });

  it('counts a failure as 5xx', async () => {
    db.on(GetCommand).rejects(new Error('DynamoDB is down'));

    const response = await replaceSequence('"4"');

    expect(response.status).toBe(500);
    expect(requestCounts()).toEqual([counted('5xx')]);
  });
});
