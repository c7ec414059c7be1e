/**
 * The one mapping from errors to HTTP: typed domain errors keep their message and details; anything
 * else is a 500 whose body says nothing about internals (the log has the cause). The same catalogue
 * documents every error body in the OpenAPI document, so the two cannot drift.
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod/mini';
import {
  AccountLimitError,
  AddressSuppressedError,
  AlreadyEnrolledError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidCursorError,
  MalformedRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  TooManyRequestsError,
  UnauthorizedError,
  UnprocessableError,
  ValidationError,
} from '../core/errors';
import { lazy } from '../core/lazy';
import { REGIONS } from '../core/regions';
import { logger } from '../runtime/observability';

const fieldIssuesSchema = lazy(() =>
  z
    .array(
      z.object({
        path: z.string().check(z.describe('Dotted path, e.g. steps.2.tone; empty for the body')),
        message: z.string(),
      }),
    )
    .register(z.globalRegistry, { id: 'FieldIssues', description: 'One entry per offending field' }),
);

export interface ErrorKind {
  /** The error class answered with this code; none for the 500, which hides whatever was thrown. */
  type?: abstract new (
    ...args: never[]
  ) => DomainError;
  status: number;
  description: string;
  /** The shape of `details`, built when a schema names it; absent when the code never carries any. */
  details?: () => z.ZodMiniType;
  /** Response headers the answer carries besides `content-type`, as the OpenAPI document describes them. */
  headers?: Readonly<Record<string, { description: string; schema: { type: 'integer' | 'string' } }>>;
}

/** Every error code the API answers, keyed by code: its class, its status and the shape of its details. */
export const ERRORS = {
  validation_failed: {
    type: ValidationError,
    status: 400,
    description: 'Invalid input: `details` lists each offending field',
    details: fieldIssuesSchema,
  },
  malformed_request: { type: MalformedRequestError, status: 400, description: 'The body is not valid JSON' },
  invalid_cursor: {
    type: InvalidCursorError,
    status: 400,
    description: 'A cursor this API did not return for this listing',
    details: fieldIssuesSchema,
  },
  unauthorized: {
    type: UnauthorizedError,
    status: 401,
    description: 'Missing or invalid bearer token, or a webhook callback not signed with the org’s secret',
  },
  forbidden: {
    type: ForbiddenError,
    status: 403,
    description: 'Not allowed: no org claim, not the owner, a system item, not an admin',
  },
  not_found: { type: NotFoundError, status: 404, description: 'Not found in the caller’s organization' },
  conflict: {
    type: ConflictError,
    status: 409,
    description:
      'Conflicts with stored state (a taken name, an item in use, a lead already stopped, a sequence being deleted)',
    details: lazy(() =>
      z.optional(
        z.union([
          z.object({
            activeLeads: z.number().check(z.int(), z.describe('Leads active on the sequence being deleted')),
          }),
          z.object({
            existingLeadId: z.string().check(z.describe('The lead that already has this e-mail address')),
            sequenceId: z.optional(z.string()).check(z.describe('The sequence that lead is (or was) on')),
            status: z
              .optional(z.enum(['stopped', 'completed']))
              .check(
                z.describe(
                  'Its follow-up is not running: POST /leads/{id}/restart (or continue) it instead of adding it again',
                ),
              ),
          }),
          z.object({
            sequences: z
              .array(z.object({ id: z.string(), name: z.string() }))
              .check(z.describe('The sequences that use the message')),
          }),
          z.object({
            duplicateOfIndex: z.number().check(z.int(), z.describe('The batch row with the same e-mail')),
          }),
          z.object({
            field: z
              .string()
              .check(z.describe('The field that named the sequence: sequenceId or reassignTo')),
            sequenceId: z
              .string()
              .check(z.describe('A sequence deleted, or being deleted, while the lead joined it')),
          }),
        ]),
      ),
    ),
  },
  already_enrolled: {
    type: AlreadyEnrolledError,
    status: 409,
    description:
      'The address is already a lead of the org whose follow-up is running: a person is on one active sequence at a time (moveIfEnrolled: true moves it)',
    details: lazy(() =>
      z.object({
        existingLeadId: z.string().check(z.describe('The lead that has this e-mail address')),
        sequenceId: z.string().check(z.describe('The sequence it is running on')),
      }),
    ),
  },
  address_suppressed: {
    type: AddressSuppressedError,
    status: 409,
    description:
      'The lead’s address is on the org’s suppression list (it bounced, complained, unsubscribed, or it or its domain was listed: GET /suppressions): it is never e-mailed; or the person asked to be erased (POST /privacy/erase): never enrolled again',
    details: lazy(() =>
      z.object({
        email: z.optional(z.string()),
        phone: z.optional(z.string()),
        domain: z
          .optional(z.string())
          .check(z.describe('Set when the address’s domain is the entry that suppresses it')),
      }),
    ),
  },
  precondition_failed: {
    type: PreconditionFailedError,
    status: 412,
    description:
      'If-Match names a version that is no longer current, or is a weak ETag (never a match): reload it',
  },
  payload_too_large: {
    type: PayloadTooLargeError,
    status: 413,
    description: 'Body over the limit the message names: 256 KB, 5 MB for POST /imports',
  },
  unprocessable: {
    type: UnprocessableError,
    status: 422,
    description:
      'Well-formed input the domain cannot act on: a render missing lead fields, an enforced region policy, a step that is never sent, a webhook URL that is not a public https endpoint',
    details: lazy(() =>
      z.optional(
        z.union([
          z.object({
            missing: z
              .array(z.string())
              .check(z.describe('Placeholder paths with no value, e.g. lead.company')),
          }),
          z.object({
            skippedSteps: z
              .array(
                z.object({
                  step: z.number().check(z.int(), z.describe('0-based')),
                  messageId: z.string(),
                  messageName: z.string(),
                  missing: z
                    .array(z.string())
                    .check(z.describe('Placeholder paths with no value, e.g. lead.company')),
                }),
              )
              .check(z.describe('?strict=true: the custom steps that would be skipped for the lead')),
          }),
          z.object({
            field: z.string().check(z.describe('The field refused, e.g. url (a webhook’s private address)')),
            reason: z.string(),
          }),
          z.object({
            region: z.enum(REGIONS),
            allowed: z.number().check(z.int(), z.describe('Follow-ups the org allows for the region')),
            followups: z.number().check(z.int(), z.describe('Follow-ups the sequence has')),
          }),
        ]),
      ),
    ),
  },
  account_limit: {
    type: AccountLimitError,
    status: 422,
    description:
      'The lead’s account (company) already has as many running leads as accountPolicy.maxActivePerAccount allows, and accountPolicy.overLimit is refuse',
    details: lazy(() =>
      z.object({
        accountDomain: z.string(),
        active: z.number().check(z.int(), z.describe('Leads of the account running now')),
        maxActivePerAccount: z.number().check(z.int()),
      }),
    ),
  },
  precondition_required: {
    type: PreconditionRequiredError,
    status: 428,
    description: 'If-Match with the version read is required',
  },
  too_many_requests: {
    type: TooManyRequestsError,
    status: 429,
    description:
      'Asked again too soon (a receiving probe: one per assistant every 10 minutes) or past the assistant’s daily send limit: retry after `Retry-After` seconds',
    details: lazy(() =>
      z.object({
        retryAfterSeconds: z
          .number()
          .check(z.int(), z.minimum(1), z.describe('As the Retry-After header says: seconds to wait')),
      }),
    ),
    headers: {
      'Retry-After': {
        description: 'Seconds to wait before asking again',
        schema: { type: 'integer' },
      },
    },
  },
  internal_error: { status: 500, description: 'Something went wrong on our side; it has been logged' },
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERRORS;

const pascalCase = (code: string) =>
  code.replace(/(?:^|_)(\w)/g, (_, letter: string) => letter.toUpperCase());

/** The body's `error` for one code, named e.g. `ValidationFailedError` in the OpenAPI document. */
export function errorSchemaOf(code: ErrorCode) {
  const kind: ErrorKind = ERRORS[code];
  return z
    .object({
      code: z.literal(code),
      message: z.string(),
      ...(kind.details && { details: kind.details() }),
    })
    .register(z.globalRegistry, {
      id: `${pascalCase(code)}Error`,
      description: `${kind.status}: ${kind.description}`,
    });
}

const errorVariants = (codes: readonly ErrorCode[]) =>
  codes.map(errorSchemaOf) as unknown as [
    ReturnType<typeof errorSchemaOf>,
    ...ReturnType<typeof errorSchemaOf>[],
  ];

/** The body of an error answer with any of these codes: `{error: {code, message, details?}}`. */
export const errorBodyOf = (codes: readonly ErrorCode[]) => {
  const [only, ...more] = errorVariants(codes);
  return z.object({ error: more.length === 0 ? only : z.discriminatedUnion('code', [only, ...more]) });
};

/** Any error the API answers, discriminated by `code`; built on first use (the OpenAPI document, the batch). */
export const errorSchema = lazy(() =>
  z
    .discriminatedUnion('code', errorVariants(Object.keys(ERRORS) as ErrorCode[]))
    .register(z.globalRegistry, { id: 'Error' }),
);

export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    const status = (ERRORS as Record<string, ErrorKind>)[error.code]?.status ?? 400;
    const { code, message, details } = error;
    // A refusal that names a person (their address or number) is logged by its code alone: logs are
    // kept where an erasure (POST /privacy/erase) does not reach.
    const namesPerson =
      typeof details === 'object' && details !== null && ('email' in details || 'phone' in details);
    logger.info('Request refused', { status, code, ...(!namesPerson && { reason: message }) });
    const response = jsonError(
      status,
      details === undefined ? { code, message } : { code, message, details },
    );
    if (error instanceof TooManyRequestsError)
      response.headers = { ...response.headers, 'retry-after': String(error.details.retryAfterSeconds) };
    return response;
  }
  logger.error('Request failed', error as Error);
  return jsonError(ERRORS.internal_error.status, {
    code: 'internal_error',
    message: ERRORS.internal_error.description,
  });
}

function jsonError(statusCode: number, error: Record<string, unknown>): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error }) };
}
