import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnprocessableError,
  ValidationError,
} from '../../../lambdas/core/errors';
import { errorResponse } from '../../../lambdas/http/error-response';

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
});
