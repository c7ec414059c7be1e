/**
 * The table client every Lambda uses (lambdas/data/client.ts) is traced: real DocumentClient calls
 * against DynamoDB Local, inside a traced invocation, reach a UDP stand-in for the X-Ray daemon as
 * DynamoDB subsegments of the invocation's trace.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db, tableName } from '../../lambdas/data/client';
import { putAnnotation, traceInvocation } from '../../lambdas/runtime/tracing';
import { type SentSubsegment, startXrayDaemon, type XrayDaemon } from '../support/xray-daemon';

let daemon: XrayDaemon;
const savedEnv = { ...process.env };
beforeAll(async () => {
  daemon = await startXrayDaemon();
});
afterAll(() => daemon.stop());
afterEach(() => {
  process.env = { ...savedEnv };
  daemon.documents.length = 0;
});

/** Invokes a traced handler as Lambda does, in a sampled trace: answers the trace's root and parent. */
async function invokeSampled(body: () => Promise<void>) {
  const trace = {
    root: `1-${randomBytes(4).toString('hex')}-${randomBytes(12).toString('hex')}`,
    parent: randomBytes(8).toString('hex'),
  };
  Object.assign(process.env, {
    POWERTOOLS_TRACE_ENABLED: 'true',
    AWS_XRAY_DAEMON_ADDRESS: daemon.address,
    _HANDLER: 'index.handler',
    _X_AMZN_TRACE_ID: `Root=${trace.root};Parent=${trace.parent};Sampled=1`,
  });
  await middy().use(traceInvocation()).handler(body)({}, {} as never);
  return trace;
}

const named = (documents: SentSubsegment[], name: string) => documents.filter((d) => d.name === name);

describe('the traced table client', () => {
  it('sends each DynamoDB call as a subsegment of the invocation, with operation, table and status', async () => {
    // Prepare
    const key = { pk: `ORG#trace-${randomUUID()}`, sk: 'LEAD#1' };
    // Act
    const trace = await invokeSampled(async () => {
      putAnnotation('orgId', key.pk);
      await db.send(new PutCommand({ TableName: tableName(), Item: { ...key, name: 'Ada' } }));
      await db.send(new GetCommand({ TableName: tableName(), Key: key }));
    });
    const documents = await daemon.received(3);
    // Assess
    const [handler] = named(documents, '## index.handler');
    const calls = named(documents, 'DynamoDB');
    expect(handler).toMatchObject({
      trace_id: trace.root,
      parent_id: trace.parent,
      annotations: { orgId: key.pk },
    });
    expect(calls.map((call) => call.aws?.operation)).toEqual(['PutItem', 'GetItem']);
    for (const call of calls) {
      expect(call).toMatchObject({
        namespace: 'aws',
        trace_id: trace.root,
        parent_id: handler?.id,
        aws: { table_name: tableName(), region: process.env.AWS_REGION, retries: 0 },
        http: { response: { status: 200 } },
      });
      expect(call.aws?.request_id).toEqual(expect.any(String));
    }
  });

  it('names the tables of a transaction, and marks a refused one as an error with its cause', async () => {
    // Prepare: a condition that cannot hold
    const key = { pk: `ORG#trace-${randomUUID()}`, sk: 'LEAD#1' };
    const write = new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: tableName(), Item: key, ConditionExpression: 'attribute_exists(pk)' } },
      ],
    });
    // Act
    let failure: unknown;
    await invokeSampled(async () => {
      await db.send(write).catch((error: unknown) => {
        failure = error;
      });
    });
    const [call] = named(await daemon.received(2), 'DynamoDB');
    // Assess
    expect((failure as Error).name).toBe('TransactionCanceledException');
    expect(call).toMatchObject({
      error: true,
      aws: { operation: 'TransactWriteItems', table_names: [tableName()] },
      http: { response: { status: 400 } },
      cause: { exceptions: [{ type: 'TransactionCanceledException', remote: true }] },
    });
    expect(call?.fault).toBeUndefined();
  });
});
