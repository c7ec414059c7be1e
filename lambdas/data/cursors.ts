/**
 * Cursors are opaque to clients and decoded strictly: canonical base64url of exactly the JSON they were
 * made of. Position cursors (an org's imports) hold the sort key of the last item read with the scope
 * it was handed out for; key cursors (the lead listings) hold DynamoDB's whole LastEvaluatedKey with a
 * fingerprint of the listing, and their module checks the key's shape before it reaches DynamoDB.
 */
import { InvalidCursorError } from '../core/errors';

export function encodePosition(scope: readonly string[], sortKey: string): string {
  return Buffer.from(JSON.stringify([...scope, sortKey])).toString('base64url');
}

export function decodePosition(cursor: string, scope: readonly string[], sortKey: RegExp): string {
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(cursor)) throw new InvalidCursorError();
  const bytes = Buffer.from(cursor, 'base64url');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const position = Array.isArray(parsed) ? parsed.at(-1) : undefined;
  if (typeof position !== 'string' || !sortKey.test(position) || encodePosition(scope, position) !== cursor)
    throw new InvalidCursorError();
  return position;
}

export function encodeKeyCursor(key: Record<string, unknown>, of: string): string {
  return Buffer.from(JSON.stringify({ key, of })).toString('base64url');
}

/** The key and fingerprint a key cursor holds, or undefined when it is not exactly one of ours. */
export function decodeKeyCursor(cursor: string): { key: Record<string, unknown>; of: unknown } | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  const bytes = Buffer.from(cursor, 'base64url');
  // Canonical only: a cursor with trailing bits or another spelling of the same bytes is not ours.
  if (bytes.toString('base64url') !== cursor) return undefined;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    const { key, of, ...rest } = parsed as Record<string, unknown>;
    if (Object.keys(rest).length > 0 || typeof key !== 'object' || key === null || Array.isArray(key))
      return undefined;
    return { key: key as Record<string, unknown>, of };
  } catch {
    return undefined;
  }
}
