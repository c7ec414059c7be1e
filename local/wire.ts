/**
 * What the local emulators share on the wire: reading a request's body, answering in the AWS JSON
 * protocols (dates as epoch seconds, a request id, the error type header) and answering an error.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The whole body; past `limit` bytes, `tooLarge()` is thrown once the rest has been read and dropped.
 * Leaving the loop early would destroy the request, and with it a keep-alive connection the client is
 * still writing to: its next request there would be reset. Read to the end, the connection stays usable.
 */
export async function readBody(
  request: IncomingMessage,
  limit?: { bytes: number; tooLarge: () => Error },
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (!limit || size <= limit.bytes) chunks.push(chunk);
  }
  if (limit && size > limit.bytes) throw limit.tooLarge();
  return Buffer.concat(chunks);
}

export async function readText(request: IncomingMessage): Promise<string> {
  return (await readBody(request)).toString('utf8');
}

/** JSON with dates as epoch seconds, as the AWS JSON protocols put them on the wire. */
export function toWireJson(body: unknown): string {
  return JSON.stringify(body, function (this: Record<string, unknown>, key, value: unknown) {
    const raw = this[key];
    return raw instanceof Date ? raw.getTime() / 1000 : value;
  });
}

export interface AwsJsonAnswer {
  /** `1.0` (SQS, DynamoDB), `1.1` (Secrets Manager), or `rest` (plain JSON: Scheduler's REST-JSON). */
  protocol: '1.0' | '1.1' | 'rest';
  /** The error's type, sent as `x-amzn-errortype` (how the REST-JSON protocols name an error). */
  errorType?: string;
  headers?: Record<string, string>;
}

/** Answers `body` as an AWS JSON service does. */
export function answerAwsJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  answer: AwsJsonAnswer,
): void {
  const payload = toWireJson(body);
  response.writeHead(status, {
    'content-type':
      answer.protocol === 'rest' ? 'application/json' : `application/x-amz-json-${answer.protocol}`,
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
    ...(answer.errorType === undefined ? {} : { 'x-amzn-errortype': answer.errorType }),
    ...answer.headers,
  });
  response.end(payload);
}

/** An error an emulator answers as its service would: the SDK maps `type` to its exception class. */
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface AwsJsonService {
  /** For its logs, e.g. `sqs emulator`. */
  name: string;
  protocol: '1.0' | '1.1';
  /** The `x-amz-target` prefix before `.<Operation>`, e.g. `AmazonSQS`. */
  targetPrefix: string;
  /** The operations the product calls, by name; each answers its output or throws an AwsJsonError. */
  operations: Record<string, (input: Record<string, unknown>) => unknown>;
  /** How an error goes on the wire: its body and any headers (defaults: `__type` = its type). */
  errorAnswer?: (error: AwsJsonError) => { body: object; headers?: Record<string, string> };
}

/**
 * Serves an AWS JSON protocol (`POST /`, `x-amz-target: <prefix>.<Operation>`): the request's operation
 * runs on its parsed body; an unknown operation, a body that is not JSON and a thrown AwsJsonError are
 * answered as the service answers them, anything else as a 500 logged here.
 */
export function awsJsonListener(service: AwsJsonService) {
  const answerError = (response: ServerResponse, error: AwsJsonError) => {
    const { body, headers } = service.errorAnswer?.(error) ?? {
      body: { __type: error.type, message: error.message },
    };
    answerAwsJson(response, error.status, body, { protocol: service.protocol, ...(headers && { headers }) });
  };
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const text = await readText(request);
      const target = request.headers['x-amz-target'];
      const prefix = `${service.targetPrefix}.`;
      const name = typeof target === 'string' && target.startsWith(prefix) ? target.slice(prefix.length) : '';
      const operation = Object.hasOwn(service.operations, name) ? service.operations[name] : undefined;
      if (request.method !== 'POST' || operation === undefined) {
        throw new AwsJsonError('UnsupportedOperation', `The emulator does not serve ${String(target)}`);
      }
      let input: unknown;
      try {
        input = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw new AwsJsonError('InvalidParameterValue', 'The request body is not valid JSON.');
      }
      if (typeof input !== 'object' || input === null) {
        throw new AwsJsonError('InvalidParameterValue', 'The request body is not a JSON object.');
      }
      answerAwsJson(response, 200, await operation(input as Record<string, unknown>), {
        protocol: service.protocol,
      });
    } catch (error) {
      if (!(error instanceof AwsJsonError)) console.error(`${service.name}:`, error);
      answerError(
        response,
        error instanceof AwsJsonError
          ? error
          : new AwsJsonError('InternalError', 'The emulator failed.', 500),
      );
    }
  };
}

/** A required string member of an operation's input, or the service's validation error naming it. */
export function requiredString(input: Record<string, unknown>, member: string, errorType: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '') {
    throw new AwsJsonError(errorType, `${member} is required and must be a non-empty string.`);
  }
  return value;
}
