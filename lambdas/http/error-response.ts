/**
 * The one mapping from errors to HTTP: typed domain errors keep their message and details; anything
 * else is a 500 whose body says nothing about internals (the log has the cause).
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  AddressSuppressedError,
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidCursorError,
  MalformedRequestError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  UnauthorizedError,
  UnprocessableError,
  ValidationError,
} from '../core/errors';
import { logger } from '../observability';

const STATUS_BY_ERROR: ReadonlyArray<readonly [abstract new (...args: never[]) => DomainError, number]> = [
  [ValidationError, 400],
  [MalformedRequestError, 400],
  [InvalidCursorError, 400],
  [UnauthorizedError, 401],
  [ForbiddenError, 403],
  [NotFoundError, 404],
  [ConflictError, 409],
  [AddressSuppressedError, 409],
  [PreconditionFailedError, 412],
  [PayloadTooLargeError, 413],
  [UnprocessableError, 422],
  [PreconditionRequiredError, 428],
];

export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  if (error instanceof DomainError) {
    const status = STATUS_BY_ERROR.find(([type]) => error instanceof type)?.[1] ?? 400;
    logger.info('Request refused', { status, code: error.code, reason: error.message });
    const { code, message, details } = error;
    return jsonError(status, details === undefined ? { code, message } : { code, message, details });
  }
  logger.error('Request failed', error as Error);
  return jsonError(500, {
    code: 'internal_error',
    message: 'Something went wrong on our side; it has been logged',
  });
}

function jsonError(statusCode: number, error: Record<string, unknown>): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ error }) };
}
