/**
 * Typed domain errors. Core and data code throw these; `http/error-response.ts` is the one place that
 * turns them into HTTP status codes and the `{error: {code, message, details?}}` body.
 */

export interface FieldIssue {
  /** Dotted path to the offending field, e.g. `steps.2.tone`. Empty for the body as a whole. */
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  readonly details?: unknown;

  constructor(message: string, details?: unknown, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    if (details !== undefined) this.details = details;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  declare readonly details: FieldIssue[];

  constructor(issues: FieldIssue[], message = describeIssues(issues)) {
    super(message, issues);
  }

  static field(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

/** A list cursor this API did not hand out for this caller and this listing (forged, altered, foreign). */
export class InvalidCursorError extends DomainError {
  readonly code = 'invalid_cursor';

  constructor(message = 'Not a cursor this API returned for this listing') {
    super(message, [{ path: 'cursor', message }] satisfies FieldIssue[]);
  }
}

export class MalformedRequestError extends DomainError {
  readonly code = 'malformed_request';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload_too_large';
}

export class UnauthorizedError extends DomainError {
  readonly code = 'unauthorized';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';

  constructor(what: string, id?: string) {
    super(id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}

export class ConflictError extends DomainError {
  /** `conflict`, or a subclass's more precise code (`already_enrolled`). */
  readonly code: string = 'conflict';
}

/**
 * The address is already a lead of the org whose follow-up is running (active or snoozed): a person is
 * on at most one active sequence per org (issue #25). A ConflictError, so whatever treats "this address
 * is taken" alike (imports count it a duplicate, a referral skips it) keeps doing so.
 */
export class AlreadyEnrolledError extends ConflictError {
  override readonly code = 'already_enrolled';
  declare readonly details: { existingLeadId: string; sequenceId: string };

  constructor(existingLeadId: string, sequenceId: string) {
    super(
      `This address is already enrolled (lead ${existingLeadId}, on sequence ${sequenceId}): a person is on one active sequence at a time; send moveIfEnrolled: true to move it`,
      { existingLeadId, sequenceId },
    );
  }
}

/**
 * The sequence was deleted, or is being deleted, while a lead was joining it. A ConflictError (409
 * `conflict`) of its own, so an import tells it from the conflicts that name a sequence the address is
 * on (already_enrolled, a stopped lead to restart), which say nothing of the sequence.
 */
export class SequenceClosedError extends ConflictError {
  declare readonly details: { field: string; sequenceId: string };

  constructor(sequenceId: string, field = 'sequenceId') {
    super(`The sequence ${sequenceId} is being deleted or was deleted: choose another`, {
      field,
      sequenceId,
    });
  }
}

/** The account (company) already has as many running leads as the org's accountPolicy allows. */
export class AccountLimitError extends DomainError {
  readonly code = 'account_limit';
  declare readonly details: { accountDomain: string; active: number; maxActivePerAccount: number };

  constructor(accountDomain: string, active: number, maxActivePerAccount: number) {
    super(
      `${accountDomain} already has ${active} running lead${active === 1 ? '' : 's'}; the org allows at most ${maxActivePerAccount} per account (accountPolicy.maxActivePerAccount)`,
      { accountDomain, active, maxActivePerAccount },
    );
  }
}

/**
 * The lead's address is on the org's suppression list (bounced, complained, unsubscribed, or it or its
 * domain was listed): a plan would only skip every e-mail step, so it is refused rather than shown as
 * running.
 */
export class AddressSuppressedError extends DomainError {
  readonly code = 'address_suppressed';
}

/** The If-Match version is not the stored one: someone saved in between. */
export class PreconditionFailedError extends DomainError {
  readonly code = 'precondition_failed';
}

/** A write that needs optimistic locking arrived without If-Match. */
export class PreconditionRequiredError extends DomainError {
  readonly code = 'precondition_required';
}

/**
 * Asked again too soon, or past a limit that resets: answered 429 with `Retry-After` in whole seconds
 * (also in `details`, for clients that do not read headers).
 */
export class TooManyRequestsError extends DomainError {
  readonly code = 'too_many_requests';
  declare readonly details: { retryAfterSeconds: number };

  constructor(message: string, retryAfterSeconds: number) {
    super(message, { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }
}

/** Well-formed input the domain cannot act on (e.g. a render missing lead fields). */
export class UnprocessableError extends DomainError {
  readonly code = 'unprocessable';
}

function describeIssues(issues: FieldIssue[]): string {
  const first = issues[0];
  if (!first) return 'Invalid request';
  const where = first.path === '' ? 'body' : first.path;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  // A message that opens with its field's name ("afterDays must be a whole number") reads on with the
  // full path in its place; any other is introduced by the path.
  const name = first.path.split('.').findLast((segment) => !/^\d+$/.test(segment)) ?? '';
  if (name !== '' && first.message.startsWith(`${name} `))
    return `${where}${first.message.slice(name.length)}${more}`;
  return `Invalid ${where}: ${first.message}${more}`;
}

/** Optimistic locking: a change is made to the version the client read, or refused with 412. */
export function assertVersion(current: { version: number }, expected: number, kind: string): void {
  if (current.version !== expected) {
    throw new PreconditionFailedError(
      `The ${kind} is at version ${current.version}, not ${expected}: reload it`,
    );
  }
}
