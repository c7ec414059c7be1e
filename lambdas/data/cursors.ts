/**
 * Position cursors for listings of one partition (an org's imports): the sort key of the last item
 * read, with the scope it was handed out for (the listing and its caller). Opaque to clients, decoded
 * strictly: canonical base64url of exactly that JSON, the same scope, a sort key of the expected shape.
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
