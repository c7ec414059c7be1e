/**
 * Builds a Lambda handler for one API function from its contract module (contract/<function>.ts): the middy stack (structured logging,
 * the one error mapping, last), then per request: identity, body size, JSON, zod validation, dispatch
 * by route key to the operation's implementation, the audit entry of an audited change (the
 * contract's `audit`: engine/audit.ts), and the response with its ETag.
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type * as z from 'zod/mini';
import {
  MalformedRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationError,
} from '../core/errors';
import type { Caller } from '../core/permissions';
import { parseWith } from '../core/validation';
import { rememberUser } from '../data/users';
import { type AuditedChange, recordChange } from '../engine/audit';
import { clock } from '../runtime/clock';
import { countEvent, logger, metrics } from '../runtime/observability';
import { putAnnotation, traceInvocation } from '../runtime/tracing';
import { type Operation, routeKey } from './contract/operation';
import { errorResponse } from './error-response';
import { callerFromClaims } from './identity';

export const MAX_BODY_BYTES = 256 * 1024;

/**
 * Path ids become parts of table keys (`LEAD#<id>`, at most 1,024 bytes per sort key) and secret
 * names; ours are UUIDs or short slugs, so anything longer names nothing and answers 404 before it
 * reaches DynamoDB. Unsubscribe tokens are longer (a signed payload) but never become a key.
 */
export const MAX_PATH_ID_LENGTH = 128;
/** Path parameters that are not ids: an unsubscribe token, an account's domain, a suppressed address (at most 254 characters). */
const MAX_PATH_PARAM_LENGTH: Readonly<Record<string, number>> = { token: 1024, domain: 253, value: 254 };

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResponse = APIGatewayProxyStructuredResultV2;

type InputOf<O, K extends 'body' | 'query'> = O extends { [P in K]: z.ZodMiniType }
  ? z.output<O[K]>
  : undefined;

export interface ApiRequest<O = { body: z.ZodMiniType; query: z.ZodMiniType }> {
  /** Who calls; public routes (unsubscribe links, provider webhooks) have no caller. */
  caller: O extends { public: true } ? undefined : Caller;
  /** The body as sent, for signatures computed over the exact bytes. */
  rawBody: string;
  /** Request headers, lower-cased names. */
  headers: Readonly<Record<string, string>>;
  /** This API's own base URL, for links that lead back to it (unsubscribe, webhook callbacks). */
  apiBaseUrl: string;
  /** Path parameters, e.g. `id` of `/sequences/{id}`. */
  params: Readonly<Record<string, string>>;
  body: InputOf<O, 'body'>;
  query: InputOf<O, 'query'>;
  /** The version the client read, from `If-Match`; throws 428 when the header is missing. */
  expectedVersion(): number;
  now: Date;
  /** Wall-clock milliseconds left before the Lambda times out, for work that must answer in time. */
  remainingTimeMs(): number;
}

export interface ApiResult {
  body?: unknown;
  /** Answer a small HTML page instead of JSON (the unsubscribe confirmation). */
  html?: string;
  /**
   * Instead of the operation's status: an HTML page answering an error (an unsubscribe link that does
   * not work), which a person reads where a client would get the JSON error.
   */
  status?: number;
  /** Sent as `ETag: "<version>"`. */
  version?: number;
  /**
   * For an audited operation, what its audit entry says when the answer alone would not do: the
   * thing before the change, an `after` other than the answer (an export's answer is personal data,
   * never copied into the log), or the target's id.
   */
  audit?: AuditedChange;
}

/** One implementation per operation of a function's contract module, typed by that operation. */
export type Implementations<C extends Record<string, Operation>> = {
  [K in keyof C]: (request: ApiRequest<C[K]>) => Promise<ApiResult>;
};

export function apiHandler<C extends Record<string, Operation>>(
  contract: C,
  implementations: Implementations<C>,
) {
  const routes = new Map<
    string,
    { operation: Operation; implement: (request: ApiRequest) => Promise<ApiResult> }
  >();
  for (const [id, operation] of Object.entries(contract)) {
    const implement = implementations[id as keyof C];
    // The types already require every operation; this guards against a cast leaving one out.
    if (!implement) throw new Error(`Operation ${id} of ${operation.fn} has no implementation`);
    routes.set(routeKey(operation), {
      operation,
      implement: implement as (request: ApiRequest) => Promise<ApiResult>,
    });
  }

  return (
    middy<ApiEvent, ApiResponse>()
      .use(traceInvocation())
      .use(injectLambdaContext(logger, { resetKeys: true }))
      .use(logMetrics(metrics, { captureColdStartMetric: true }))
      // Counts the response the error mapping below made, too: middy runs onError in reverse order.
      .use({ after: countRequest, onError: countRequest })
      .use({
        onError: (request) => {
          request.response = errorResponse(request.error);
        },
      })
      .handler(async (event, context) => {
        logger.appendKeys({ requestId: event.requestContext.requestId, route: event.routeKey });
        const route = routes.get(event.routeKey);
        if (!route) throw new NotFoundError(`Route ${event.routeKey}`);
        const { operation, implement } = route;
        const now = clock.now();
        const caller = operation.public
          ? undefined
          : callerFromClaims(event.requestContext.authorizer?.jwt?.claims);
        if (caller) {
          logger.appendKeys({ orgId: caller.orgId, userId: caller.userId });
          putAnnotation('orgId', caller.orgId);
          await rememberUser(caller, now);
        }
        const rawBody = bodyText(event, operation);
        const result = await implement({
          caller: caller as Caller,
          rawBody,
          headers: definedValues(event.headers),
          apiBaseUrl: `${event.headers['x-forwarded-proto'] ?? 'https'}://${event.requestContext.domainName}`,
          params: params(event),
          body: operation.body ? parseWith(operation.body, parseJson(rawBody)) : undefined,
          query: operation.query
            ? parseWith(operation.query, definedValues(event.queryStringParameters))
            : undefined,
          expectedVersion: () => parseIfMatch(event.headers['if-match']),
          now,
          remainingTimeMs: () => context.getRemainingTimeInMillis(),
        });
        if (operation.audit && caller) {
          await recordChange(caller, operation.audit, auditedChange(operation, params(event), result), now);
        }
        return toResponse(operation, result);
      })
  );
}

/**
 * `ApiRequests` by route key (the contract's routes: a fixed set, ids are path parameters) and status
 * class, so a 4xx or 5xx rise shows which route it comes from.
 */
function countRequest(request: { event: ApiEvent; response: ApiResponse | undefined | null }): void {
  const status = request.response?.statusCode ?? 500;
  countEvent('ApiRequests', { route: request.event.routeKey, statusClass: `${Math.floor(status / 100)}xx` });
}

/**
 * Pages carry everything inline and post only to themselves; their URL holds a token, so it is neither
 * cached nor sent on as a referrer, and no other site may frame them.
 */
const HTML_PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
};

function toResponse(operation: Operation, result: ApiResult): ApiResponse {
  const headers: Record<string, string> = {};
  if (result.version !== undefined) headers.etag = `"${result.version}"`;
  if (operation.status === 204) return { statusCode: 204, headers };
  if (result.html !== undefined) {
    return {
      statusCode: result.status ?? operation.status,
      headers: { ...headers, 'content-type': 'text/html; charset=utf-8', ...HTML_PAGE_HEADERS },
      body: result.html,
    };
  }
  headers['content-type'] = 'application/json';
  return { statusCode: operation.status, headers, body: JSON.stringify(result.body ?? {}) };
}

function bodyText(event: ApiEvent, operation: Operation): string {
  const raw = event.body ?? '';
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const limit = operation.maxBody?.bytes ?? MAX_BODY_BYTES;
  if (Buffer.byteLength(text) > limit) {
    const size = limit >= 1024 * 1024 ? `${limit / 1024 / 1024} MB` : `${limit / 1024} KB`;
    const hint = operation.maxBody ? `: ${operation.maxBody.hint}` : '';
    throw new PayloadTooLargeError(
      `The body is larger than ${size}, the API’s limit for this request${hint}`,
    );
  }
  return text;
}

export function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new MalformedRequestError('The body is not valid JSON');
  }
}

/** An entity tag (RFC 9110 8.8.3): optionally weak, then quoted characters other than `"`, space and controls. */
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7E\x80-\xFF]*)"$/;

/**
 * The version `If-Match` names. If-Match compares strongly (RFC 9110 13.1.1): a weak tag never matches,
 * nor does a well-formed tag that is no ETag of ours, so both answer 412 as a stale version does. What
 * is not one entity tag at all (a bare `3`, an unclosed `"3`, a list, `*`, which no write here
 * supports) is a client bug, answered 400 naming the header.
 */
export function parseIfMatch(header: string | undefined): number {
  if (header === undefined || header.trim() === '') {
    throw new PreconditionRequiredError('This change needs an If-Match header with the version you read');
  }
  const tag = ENTITY_TAG.exec(header.trim());
  if (!tag) {
    throw ValidationError.field(
      'If-Match',
      'Expected one ETag as read, quotes included, e.g. "3" (lists and * are not supported)',
    );
  }
  const [, weak, opaque = ''] = tag;
  if (weak) {
    throw new PreconditionFailedError(
      'If-Match compares strongly: a weak ETag never matches; send the ETag as read, e.g. "3"',
    );
  }
  if (!/^\d{1,15}$/.test(opaque)) {
    throw new PreconditionFailedError(`${header.trim()} is not the ETag of any version: reload it`);
  }
  return Number(opaque);
}

/** The answer (not a deletion's), the path's id, then the answer's id: unless the route said otherwise. */
function auditedChange(
  operation: Operation,
  pathParams: Record<string, string>,
  result: ApiResult,
): AuditedChange {
  const body = result.body as { id?: unknown } | undefined;
  const answerId = typeof body?.id === 'string' ? body.id : undefined;
  const targetId = result.audit?.targetId ?? pathParams.id ?? answerId;
  const after = result.audit ? result.audit.after : operation.method === 'DELETE' ? undefined : result.body;
  return {
    ...(targetId !== undefined && { targetId }),
    ...(result.audit?.before !== undefined && { before: result.audit.before }),
    ...(after !== undefined && { after }),
  };
}

const params = (event: ApiEvent) => boundedParams(definedValues(event.pathParameters));

function boundedParams(params: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(params)) {
    const max = MAX_PATH_PARAM_LENGTH[name] ?? MAX_PATH_ID_LENGTH;
    if (value.length > max) throw new NotFoundError(`The ${name} of ${value.length} characters`);
  }
  return params;
}

function definedValues(record: Record<string, string | undefined> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(record ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
