/**
 * X-Ray traces without the X-Ray SDK: each invocation's handler subsegment, a subsegment per AWS SDK
 * command and per provider call, written as X-Ray segment documents to the daemon Lambda runs beside
 * every traced function (UDP, AWS_XRAY_DAEMON_ADDRESS; one `{"format":"json","version":1}` header
 * line and one document per datagram). Each subsegment is sent on its own when it closes, parented on
 * the function's segment that Lambda itself records (`_X_AMZN_TRACE_ID`: Root, Parent, Sampled).
 *
 * Why not Powertools Tracer: it loads the X-Ray SDK (cls-hooked, http/https patchers), the largest
 * single cost of every cold start (docs/performance.md), and the X-Ray SDKs are in maintenance mode
 * until their end of support on 2027-02-25. Nothing is sent when the invocation is not sampled, when
 * there is no trace header (tests, the local stack) or with POWERTOOLS_TRACE_ENABLED=false; a failure
 * to send never fails an invocation.
 *
 * One invocation at a time per execution environment (Lambda's default), so the handler subsegment is
 * module state; `traced` nests calls below it with AsyncLocalStorage.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:dgram';
import type middy from '@middy/core';
import type {
  BuildMiddleware,
  HandlerExecutionContext,
  MetadataBearer,
  MiddlewareStack,
} from '@smithy/types';

type AnnotationValue = string | number | boolean;

/** A subsegment document (X-Ray developer guide, "AWS X-Ray segment documents"), sent on its own. */
interface Subsegment {
  name: string;
  id: string;
  trace_id: string;
  parent_id: string;
  type: 'subsegment';
  start_time: number;
  end_time?: number;
  /** `aws` for AWS SDK calls, `remote` for other downstream calls: X-Ray draws both on the service map. */
  namespace?: 'aws' | 'remote';
  annotations?: Record<string, AnnotationValue>;
  aws?: Record<string, unknown>;
  http?: { response: { status: number } };
  /** 4xx */
  error?: true;
  /** 429 or a throttling error code (with `error`) */
  throttle?: true;
  /** 5xx, no answer, or an exception nobody handled */
  fault?: true;
  cause?: { exceptions: { id: string; type: string; message: string; remote?: true }[] };
}

/** The current invocation's handler subsegment, when it is traced. */
let invocation: Subsegment | undefined;
/** The subsegment a `traced` call opened, for the calls made inside it. */
const inside = new AsyncLocalStorage<Subsegment>();
let coldStart = true;

const currentParent = (): Subsegment | undefined => inside.getStore() ?? invocation;

/**
 * The middy middleware that opens the handler subsegment (`## index.handler`, annotated `ColdStart`
 * and `Service`) and sends it when the handler returns or throws. Use it first, so that it sees the
 * response an error handler made of an error.
 */
export function traceInvocation(): middy.MiddlewareObj {
  return {
    before: () => {
      invocation = openInvocation();
    },
    after: () => {
      if (invocation) close(invocation);
      invocation = undefined;
    },
    onError: (request) => {
      if (invocation) {
        // An error the function turned into an answer (an API's 4xx) is the caller's; any other, ours.
        const status = (request.response as { statusCode?: unknown } | undefined)?.statusCode;
        const answered = request.response !== undefined && !(typeof status === 'number' && status >= 500);
        recordError(invocation, request.error, answered ? 'error' : 'fault', false);
        close(invocation);
      }
      invocation = undefined;
    },
  };
}

function openInvocation(): Subsegment | undefined {
  const cold = coldStart;
  coldStart = false;
  if (process.env.POWERTOOLS_TRACE_ENABLED?.toLowerCase() === 'false') return undefined;
  const header = traceHeader();
  if (header?.Sampled !== '1' || !header.Root || !header.Parent) return undefined;
  const handler = open(`## ${process.env._HANDLER ?? 'handler'}`, header.Root, header.Parent);
  handler.annotations = { ColdStart: cold };
  if (process.env.POWERTOOLS_SERVICE_NAME) handler.annotations.Service = process.env.POWERTOOLS_SERVICE_NAME;
  return handler;
}

/** `Root=1-…;Parent=…;Sampled=1`, as the runtime gives it for this invocation. */
function traceHeader(): Record<string, string> | undefined {
  const runtime = (globalThis as { awslambda?: { InvokeStore?: { getXRayTraceId?(): string | undefined } } })
    .awslambda?.InvokeStore;
  const value = runtime?.getXRayTraceId?.() ?? process.env._X_AMZN_TRACE_ID;
  if (!value) return undefined;
  return Object.fromEntries(value.split(';').map((field) => field.split('=', 2)));
}

/**
 * Annotates the handler subsegment (indexed: traces can be searched by it, e.g. `annotation.orgId`).
 * Org and lead ids go here, never into metric dimensions.
 */
export function putAnnotation(key: string, value: AnnotationValue): void {
  if (!invocation) return;
  invocation.annotations = { ...invocation.annotations, [key]: value };
}

/**
 * Runs a call to an outside system (the WhatsApp provider's HTTP API, which no SDK client reports) in a
 * `remote` subsegment of its own, so traces show its duration and failures next to the AWS SDK calls;
 * AWS calls made inside it nest below it.
 */
export async function traced<T>(name: string, call: () => Promise<T>): Promise<T> {
  const parent = currentParent();
  if (!parent) return call();
  const subsegment = open(name, parent.trace_id, parent.id, 'remote');
  try {
    return await inside.run(subsegment, call);
  } catch (error) {
    recordError(subsegment, error, 'fault', true);
    throw error;
  } finally {
    close(subsegment);
  }
}

/** The parts of an AWS SDK v3 client this module touches. */
interface AwsClient {
  config: { region?: unknown };
  middlewareStack: Pick<MiddlewareStack<object, MetadataBearer>, 'add'>;
}

/**
 * Returns the same client, each of its commands traced as an `aws` subsegment named as X-Ray names the
 * service (DynamoDB, SQS, S3, Scheduler, SESv2, SecretsManager): operation, region, request id,
 * retries, the table / queue / bucket the input names, the HTTP status, and error, throttle or fault
 * with the exception. It also passes the trace on (X-Amzn-Trace-Id), so an SQS message links the
 * worker's trace to this one.
 */
export function traceClient<C extends AwsClient>(client: C): C {
  client.middlewareStack.add(traceAwsCall(client.config.region), {
    step: 'build',
    name: 'traceAwsCall',
    override: true,
  });
  return client;
}

const traceAwsCall =
  (region: unknown): BuildMiddleware<object, MetadataBearer> =>
  (next, context) =>
  async (args) => {
    const parent = currentParent();
    if (!parent) return next(args);
    const subsegment = open(serviceName(context), parent.trace_id, parent.id, 'aws');
    const request = args.request as { headers?: Record<string, string> } | undefined;
    if (request?.headers) {
      request.headers['X-Amzn-Trace-Id'] = `Root=${subsegment.trace_id};Parent=${subsegment.id};Sampled=1`;
    }
    try {
      const result = await next(args);
      await describeCall(subsegment, context, args.input, region, result.output.$metadata);
      return result;
    } catch (error) {
      await describeCall(subsegment, context, args.input, region, (error as MetadataBearer).$metadata);
      const status = subsegment.http?.response.status;
      if (status === 429 || isThrottling(error)) subsegment.throttle = true;
      recordError(subsegment, error, status !== undefined && status < 500 ? 'error' : 'fault', true);
      throw error;
    } finally {
      close(subsegment);
    }
  };

/** `DynamoDBClient` -> `DynamoDB`, the names X-Ray's service map knows. */
const serviceName = (context: HandlerExecutionContext): string =>
  context.clientName?.replace(/Client$/, '') ?? 'AWS';

async function describeCall(
  subsegment: Subsegment,
  context: HandlerExecutionContext,
  input: object,
  region: unknown,
  metadata: MetadataBearer['$metadata'] | undefined,
): Promise<void> {
  const aws: Record<string, unknown> = {
    operation: context.commandName?.replace(/Command$/, ''),
    region: await regionOf(region),
    request_id: metadata?.requestId,
    retries: Math.max((metadata?.attempts ?? 1) - 1, 0),
  };
  const named = input as {
    TableName?: unknown;
    RequestItems?: object;
    TransactItems?: Record<string, { TableName?: unknown } | undefined>[];
    QueueUrl?: unknown;
    Bucket?: unknown;
  };
  if (typeof named.TableName === 'string') aws.table_name = named.TableName;
  const tables = new Set(Object.keys(named.RequestItems ?? {}));
  for (const item of named.TransactItems ?? []) {
    for (const action of Object.values(item))
      if (typeof action?.TableName === 'string') tables.add(action.TableName);
  }
  if (tables.size > 0) aws.table_names = [...tables];
  if (typeof named.QueueUrl === 'string') aws.queue_url = named.QueueUrl;
  if (typeof named.Bucket === 'string') aws.bucket_name = named.Bucket;
  subsegment.aws = aws;
  const status = metadata?.httpStatusCode;
  if (status !== undefined) subsegment.http = { response: { status } };
}

async function regionOf(region: unknown): Promise<string | undefined> {
  try {
    const value = typeof region === 'function' ? await region() : region;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The SDK's own list (@smithy/service-error-classification), and its `$retryable.throttling` trait. */
const THROTTLING_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

function isThrottling(error: unknown): boolean {
  const { name, $retryable } = (error ?? {}) as { name?: string; $retryable?: { throttling?: boolean } };
  return (name !== undefined && THROTTLING_CODES.has(name)) || $retryable?.throttling === true;
}

function recordError(subsegment: Subsegment, error: unknown, flag: 'error' | 'fault', remote: boolean): void {
  subsegment[flag] = true;
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  subsegment.cause = {
    exceptions: [
      {
        id: newId(),
        type: typeof name === 'string' ? name : 'Error',
        // A document must fit one datagram (64 KB); a message is a hint, the logs have the rest.
        message: (typeof message === 'string' ? message : String(error)).slice(0, 1024),
        ...(remote ? { remote: true as const } : {}),
      },
    ],
  };
}

const newId = (): string => randomBytes(8).toString('hex');

/** Seconds since the epoch, to the microsecond, as segment documents want them. */
const now = (): number => (performance.timeOrigin + performance.now()) / 1000;

function open(name: string, traceId: string, parentId: string, namespace?: 'aws' | 'remote'): Subsegment {
  return {
    name,
    id: newId(),
    trace_id: traceId,
    parent_id: parentId,
    type: 'subsegment',
    start_time: now(),
    ...(namespace ? { namespace } : {}),
  };
}

function close(subsegment: Subsegment): void {
  subsegment.end_time = now();
  send(subsegment);
}

const DAEMON_HEADER = '{"format":"json","version":1}\n';
/**
 * Created on the first send, with Node's UDP module (loaded then: unsampled invocations never send, and a
 * cold start does not pay for it); unref'd so it never keeps a process alive.
 */
let socket: Socket | undefined;

function send(subsegment: Subsegment): void {
  try {
    const { host, port } = daemonAddress();
    socket ??= process
      .getBuiltinModule('node:dgram')
      .createSocket('udp4')
      .on('error', () => {})
      .unref();
    socket.send(`${DAEMON_HEADER}${JSON.stringify(subsegment)}`, port, host, () => {});
  } catch {
    // A trace is worth less than the invocation it describes.
  }
}

/** `host:port`, or `tcp:host:port udp:host:port`; the X-Ray SDK's default otherwise. */
function daemonAddress(): { host: string; port: number } {
  const value = process.env.AWS_XRAY_DAEMON_ADDRESS ?? '127.0.0.1:2000';
  const udp =
    value
      .split(/\s+/)
      .find((part) => part.startsWith('udp:'))
      ?.slice(4) ?? value;
  const colon = udp.lastIndexOf(':');
  return { host: udp.slice(0, colon), port: Number(udp.slice(colon + 1)) };
}
