/**
 * Traces without the X-Ray SDK (lambdas/runtime/tracing.ts), read where X-Ray reads them: a UDP socket standing in
 * for the daemon. AWS SDK calls go over HTTP to a local server answering as DynamoDB does (success,
 * throttling, a client error, a server error), so the SDK's own retries, metadata and errors are real.
 * DynamoDB Local is test/integration/tracing.test.ts.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import middy from '@middy/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { putAnnotation, traceClient, traced, traceInvocation } from '../../../lambdas/runtime/tracing';
import { closeServer, listenLocally } from '../../../local/ports';
import { answerAwsJson } from '../../../local/wire';
import { type SentSubsegment, startXrayDaemon, type XrayDaemon } from '../../support/xray-daemon';

/** What the stand-in DynamoDB answers next: a status and, for errors, the error's type. */
let answer: { status: number; type?: string } = { status: 200 };
const seenHeaders: IncomingHttpHeaders[] = [];
const server = createServer((request, response) => {
  seenHeaders.push(request.headers);
  request.resume();
  request.on('end', () => {
    const { status, type } = answer;
    const body = type ? { __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: `${type} here` } : {};
    answerAwsJson(response, status, body, { protocol: '1.0' });
  });
});

let daemon: XrayDaemon;
let client: DynamoDBClient;
const savedEnv = { ...process.env };

beforeAll(async () => {
  daemon = await startXrayDaemon();
  const endpoint = await listenLocally(server);
  client = traceClient(
    new DynamoDBClient({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // Throttling is retried once, so `retries` has something to count.
      maxAttempts: 2,
    }),
  );
});
afterAll(async () => {
  client.destroy();
  await closeServer(server);
  await daemon.stop();
});
beforeEach(() => {
  answer = { status: 200 };
  seenHeaders.length = 0;
  daemon.documents.length = 0;
  Object.assign(process.env, {
    POWERTOOLS_TRACE_ENABLED: 'true',
    POWERTOOLS_SERVICE_NAME: 'followup-engine',
    AWS_XRAY_DAEMON_ADDRESS: daemon.address,
    _HANDLER: 'index.handler',
  });
});
afterEach(() => {
  process.env = { ...savedEnv };
});

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** A fresh trace, as Lambda gives one invocation: its root, the function segment's id, sampled or not. */
function newTrace(sampled = true) {
  const root = `1-${hex(4)}-${hex(12)}`;
  const parent = hex(8);
  return { root, parent, header: `Root=${root};Parent=${parent};Sampled=${sampled ? 1 : 0};Lineage=a:1` };
}

/** A traced handler, invoked as Lambda invokes it with `header` in _X_AMZN_TRACE_ID. */
function invoke(header: string | undefined, body: () => Promise<unknown>, ...more: middy.MiddlewareObj[]) {
  if (header === undefined) delete process.env._X_AMZN_TRACE_ID;
  else process.env._X_AMZN_TRACE_ID = header;
  let handler = middy().use(traceInvocation());
  for (const middleware of more) handler = handler.use(middleware);
  return handler.handler(body)({}, {} as never);
}

const getItem = () =>
  client.send(
    new GetItemCommand({ TableName: 'followup', Key: { pk: { S: 'ORG#1' }, sk: { S: 'LEAD#1' } } }),
  );

const byName = (documents: SentSubsegment[], name: string) => {
  const found = documents.find((document) => document.name === name);
  if (!found) throw new Error(`No subsegment ${name} among ${documents.map((d) => d.name).join(', ')}`);
  return found;
};

describe('the handler subsegment', () => {
  it('is parented on the function segment of the trace header, with the cold start, service and annotations', async () => {
    // Prepare
    const trace = newTrace();
    // Act
    await invoke(trace.header, async () => {
      putAnnotation('orgId', 'org-1');
      putAnnotation('leadId', 'lead-1');
    });
    const [handler] = await daemon.received(1);
    // Assess
    expect(handler).toMatchObject({
      name: '## index.handler',
      type: 'subsegment',
      trace_id: trace.root,
      parent_id: trace.parent,
      annotations: { ColdStart: true, Service: 'followup-engine', orgId: 'org-1', leadId: 'lead-1' },
    });
    expect(handler?.id).toMatch(/^[0-9a-f]{16}$/);
    expect(handler?.end_time).toBeGreaterThanOrEqual(handler?.start_time ?? Infinity);
    expect(handler?.start_time).toBeGreaterThan(Date.now() / 1000 - 60);
    expect(handler?.fault).toBeUndefined();
  });

  it('is a warm start after the first invocation', async () => {
    await invoke(newTrace().header, async () => {});
    await invoke(newTrace().header, async () => {});
    const [, second] = await daemon.received(2);
    expect(second?.annotations?.ColdStart).toBe(false);
  });

  it('records the error the handler throws as a fault with its cause, and the error still reaches Lambda', async () => {
    // Prepare
    const trace = newTrace();
    // Act
    const invocation = invoke(trace.header, async () => {
      throw new TypeError('the plan is gone');
    });
    // Assess
    await expect(invocation).rejects.toThrow('the plan is gone');
    const [handler] = await daemon.received(1);
    expect(handler).toMatchObject({
      trace_id: trace.root,
      fault: true,
      cause: { exceptions: [{ type: 'TypeError', message: 'the plan is gone' }] },
    });
    expect(handler?.error).toBeUndefined();
    expect(handler?.cause?.exceptions[0]?.remote).toBeUndefined();
  });

  it('marks an error that the function answered (an API 4xx) as an error, not a fault', async () => {
    // Prepare: an error mapping like the API's, used after the tracing middleware
    const answerNotFound: middy.MiddlewareObj = {
      onError: (request) => {
        request.response = { statusCode: 404 };
      },
    };
    // Act
    const response = await invoke(
      newTrace().header,
      async () => {
        throw new Error('no such lead');
      },
      answerNotFound,
    );
    const [handler] = await daemon.received(1);
    // Assess
    expect(response).toEqual({ statusCode: 404 });
    expect(handler).toMatchObject({ error: true, cause: { exceptions: [{ message: 'no such lead' }] } });
    expect(handler?.fault).toBeUndefined();
  });
});

describe('nothing is sent', () => {
  // Each case runs before a sampled invocation: UDP on loopback keeps the order, so anything the first
  // one sent would arrive before the second one's documents.
  it.each([
    ['the invocation is not sampled', () => newTrace(false).header, 'true'],
    ['there is no trace header', () => undefined, 'true'],
    ['tracing is turned off', () => newTrace().header, 'false'],
  ])('when %s', async (_case, header, enabled) => {
    // Prepare
    process.env.POWERTOOLS_TRACE_ENABLED = enabled;
    const sampled = newTrace();
    // Act
    const result = await invoke(header(), async () => {
      putAnnotation('orgId', 'org-1');
      await getItem();
      return await traced('sinch', async () => 'sent');
    });
    process.env.POWERTOOLS_TRACE_ENABLED = 'true';
    await invoke(sampled.header, async () => {});
    const documents = await daemon.received(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Assess
    expect(result).toBe('sent');
    expect(daemon.documents.map((document) => document.trace_id)).toEqual([sampled.root]);
    expect(documents[0]?.name).toBe('## index.handler');
    expect(seenHeaders[0]?.['x-amzn-trace-id']).toBeUndefined();
  });

  it('and the invocation goes on when the daemon cannot be reached', async () => {
    process.env.AWS_XRAY_DAEMON_ADDRESS = 'no-such-host.invalid:2000';
    const result = await invoke(newTrace().header, async () => {
      await getItem();
      return 'done';
    });
    expect(result).toBe('done');
  });
});

describe('an AWS SDK call', () => {
  it('is an aws subsegment below the handler with operation, region, request id, table and status', async () => {
    // Prepare
    const trace = newTrace();
    // Act
    await invoke(trace.header, getItem);
    const documents = await daemon.received(2);
    // Assess
    const handler = byName(documents, '## index.handler');
    const call = byName(documents, 'DynamoDB');
    expect(call).toMatchObject({
      namespace: 'aws',
      type: 'subsegment',
      trace_id: trace.root,
      parent_id: handler.id,
      aws: { operation: 'GetItem', region: 'eu-west-1', table_name: 'followup', retries: 0 },
      http: { response: { status: 200 } },
    });
    expect(call.aws?.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.start_time).toBeGreaterThanOrEqual(handler.start_time);
    expect(call.end_time).toBeLessThanOrEqual(handler.end_time);
    expect([call.error, call.fault, call.throttle]).toEqual([undefined, undefined, undefined]);
  });

  it('passes the trace on to the service, naming its own subsegment as the parent', async () => {
    const trace = newTrace();
    await invoke(trace.header, getItem);
    const call = byName(await daemon.received(2), 'DynamoDB');
    expect(seenHeaders[0]?.['x-amzn-trace-id']).toBe(`Root=${trace.root};Parent=${call.id};Sampled=1`);
  });

  it('that is throttled is marked throttle and error, with the retries and the exception', async () => {
    // Prepare
    answer = { status: 400, type: 'ThrottlingException' };
    // Act
    const invocation = invoke(newTrace().header, getItem);
    // Assess
    await expect(invocation).rejects.toThrow('ThrottlingException here');
    const call = byName(await daemon.received(2), 'DynamoDB');
    expect(call).toMatchObject({
      throttle: true,
      error: true,
      http: { response: { status: 400 } },
      aws: { operation: 'GetItem', retries: 1 },
      cause: {
        exceptions: [{ type: 'ThrottlingException', message: 'ThrottlingException here', remote: true }],
      },
    });
    expect(call.fault).toBeUndefined();
    expect(seenHeaders).toHaveLength(2);
  });

  it('refused by the service (4xx) is an error, not a throttle', async () => {
    answer = { status: 400, type: 'ValidationException' };
    await expect(invoke(newTrace().header, getItem)).rejects.toThrow('ValidationException here');
    const call = byName(await daemon.received(2), 'DynamoDB');
    expect(call).toMatchObject({ error: true, http: { response: { status: 400 } } });
    expect([call.throttle, call.fault]).toEqual([undefined, undefined]);
  });

  it('failing in the service (5xx) is a fault', async () => {
    answer = { status: 500, type: 'InternalServerError' };
    await expect(invoke(newTrace().header, getItem)).rejects.toThrow();
    const call = byName(await daemon.received(2), 'DynamoDB');
    expect(call).toMatchObject({ fault: true, http: { response: { status: 500 } }, aws: { retries: 1 } });
    expect(call.error).toBeUndefined();
  });
});

describe('a provider call', () => {
  it('is a remote subsegment below the handler, and AWS calls made inside it nest below it', async () => {
    // Prepare
    const trace = newTrace();
    // Act
    await invoke(trace.header, () => traced('sinch', getItem));
    const documents = await daemon.received(3);
    // Assess
    const handler = byName(documents, '## index.handler');
    const provider = byName(documents, 'sinch');
    expect(provider).toMatchObject({ namespace: 'remote', trace_id: trace.root, parent_id: handler.id });
    expect(byName(documents, 'DynamoDB').parent_id).toBe(provider.id);
  });

  it('that fails is a fault with the remote exception', async () => {
    const invocation = invoke(newTrace().header, () =>
      traced('sinch', async () => {
        throw new Error('Sinch answered 503');
      }),
    );
    await expect(invocation).rejects.toThrow('Sinch answered 503');
    const provider = byName(await daemon.received(2), 'sinch');
    expect(provider).toMatchObject({
      fault: true,
      cause: { exceptions: [{ type: 'Error', message: 'Sinch answered 503', remote: true }] },
    });
  });
});
