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
