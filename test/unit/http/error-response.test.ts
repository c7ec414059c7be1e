import { describe, expect, it, vi } from 'vitest';
import {
  AddressSuppressedError,
  ConflictError,
  type DomainError,
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
} from '../../../lambdas/core/errors';
import { MissingFieldsError } from '../../../lambdas/core/rendering/personalize';
import { ERRORS, type ErrorKind, errorResponse } from '../../../lambdas/http/error-response';
import { logger } from '../../../lambdas/runtime/observability';

const body = (response: ReturnType<typeof errorResponse>) => JSON.parse(response.body ?? '');

describe('errorResponse', () => {
  it.each([
    [ValidationError.field('name', 'too long'), 400, 'validation_failed'],
    [new ForbiddenError('no'), 403, 'forbidden'],
    [new NotFoundError('Sequence', 'x'), 404, 'not_found'],
    [new ConflictError('taken'), 409, 'conflict'],
    [new PreconditionFailedError('stale'), 412, 'precondition_failed'],
    [new UnprocessableError('missing'), 422, 'unprocessable'],
    [new PreconditionRequiredError('if-match'), 428, 'precondition_required'],
  ])('maps %s to %i', (error, status, code) => {
    const response = errorResponse(error);

    expect(response.statusCode).toBe(status);
    expect(body(response).error.code).toBe(code);
  });

  it('answers 429 with Retry-After in whole seconds, in the header and in details', () => {
    const response = errorResponse(new TooManyRequestsError('A probe went out 4 minutes ago', 359.2));

    expect(response.statusCode).toBe(429);
    expect(response.headers).toMatchObject({ 'retry-after': '360', 'content-type': 'application/json' });
    expect(body(response)).toEqual({
      error: {
        code: 'too_many_requests',
        message: 'A probe went out 4 minutes ago',
        details: { retryAfterSeconds: 360 },
      },
    });
  });

  it('carries field paths for validation errors', () => {
    const response = errorResponse(ValidationError.field('steps.2.tone', 'Generated steps need a tone'));

    expect(body(response)).toEqual({
      error: {
        code: 'validation_failed',
        message: 'Invalid steps.2.tone: Generated steps need a tone',
        details: [{ path: 'steps.2.tone', message: 'Generated steps need a tone' }],
      },
    });
  });

  it('never shows internals in a 500', () => {
    const response = errorResponse(
      new Error('ResourceNotFoundException: table followup-prod arn:aws:dynamodb:secret'),
    );

    expect(response.statusCode).toBe(500);
    expect(response.body).not.toMatch(/dynamodb|followup-prod|ResourceNotFound/);
    expect(body(response).error.code).toBe('internal_error');
  });

  // The thrown shapes, as the code throws them: the catalogue documents each; a new shape must join it.
  it.each<DomainError>([
    ValidationError.field('name', 'too long'),
    new MalformedRequestError('not json'),
    new InvalidCursorError(),
    new UnauthorizedError('no token'),
    new ForbiddenError('no'),
    new NotFoundError('Lead', 'x'),
    new ConflictError('taken'),
    new ConflictError('in use', { activeLeads: 2 }),
    new ConflictError('exists', { existingLeadId: 'lead-1' }),
    new ConflictError('in use', { sequences: [{ id: 's', name: 'S' }] }),
    new ConflictError('same row', { duplicateOfIndex: 0 }),
    new AddressSuppressedError('suppressed', { email: 'a@example.com' }),
    new PreconditionFailedError('stale'),
    new PayloadTooLargeError('big'),
    new UnprocessableError('never sent'),
    new MissingFieldsError(['lead.company']),
    new UnprocessableError('region', { region: 'EU', allowed: 1, followups: 2 }),
    new PreconditionRequiredError('if-match'),
    new TooManyRequestsError('too soon', 600),
  ])('documents %s with its status and details in the catalogue', (error) => {
    const kind = (ERRORS as Record<string, ErrorKind>)[error.code];

    expect(kind?.type && error instanceof kind.type).toBe(true);
    expect(errorResponse(error).statusCode).toBe(kind?.status);
    if (kind?.details) expect(kind.details().safeParse(error.details).success).toBe(true);
    else expect(error.details).toBeUndefined();
  });
});

describe('the log of a refused request', () => {
  it('keeps the reason, except of a refusal naming a person, which it logs by its code alone', () => {
    // Prepare
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);

    // Act
    errorResponse(new ConflictError('The sequence is being deleted'));
    errorResponse(
      new AddressSuppressedError('ada@example.com is on the org’s suppression list', {
        email: 'ada@example.com',
      }),
    );

    // Assess
    expect(info.mock.calls).toEqual([
      ['Request refused', { status: 409, code: 'conflict', reason: 'The sequence is being deleted' }],
      ['Request refused', { status: 409, code: 'address_suppressed' }],
    ]);
    info.mockRestore();
  });
});
