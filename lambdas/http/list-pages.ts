/**
 * Pages of the small catalogues (sequences, messages, assistants, users, tones): each is read whole by
 * one Query of its partition prefix (or comes from code) and ordered in memory, so it is paged here,
 * with the same `limit`, `cursor` and `nextCursor` as the lists paged by DynamoDB (docs/data-model.md,
 * "Paging"). The cursor is the sort position of the last item shown, not an index: an item added or
 * removed between two pages moves no other item in or out of the next page.
 */
import { InvalidCursorError } from '../core/errors';

/** Where an item sorts: numbers compare numerically, strings as people read them, the last one exactly. */
export type SortPosition = readonly (string | number)[];

export interface PageRequest {
  limit: number;
  cursor?: string;
}

export interface ListPage<T> {
  items: T[];
  nextCursor?: string;
}

/** Compares positions element by element; the last element (an id) breaks ties byte by byte. */
export function comparePositions(a: SortPosition, b: SortPosition): number {
  for (let at = 0; at < Math.max(a.length, b.length); at += 1) {
    const [x, y] = [a[at], b[at]];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const exact = at === a.length - 1;
    const order = exact
      ? Number(String(x) > String(y)) - Number(String(x) < String(y))
      : String(x).localeCompare(String(y), 'en', { sensitivity: 'base' });
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * The page of `items` after the cursor's position, in the order of `positionOf`. `scope` names the list
 * and its caller: a cursor works only where it was handed out (else InvalidCursorError).
 */
export function pageOfList<T>(
  items: readonly T[],
  positionOf: (item: T) => SortPosition,
  request: PageRequest,
  scope: readonly string[],
): ListPage<T> {
  const ordered = items
    .map((item) => ({ item, position: positionOf(item) }))
    .sort((a, b) => comparePositions(a.position, b.position));
  const after =
    request.cursor === undefined ? undefined : decode(request.cursor, scope, ordered[0]?.position);
  const rest = after ? ordered.filter(({ position }) => comparePositions(position, after) > 0) : ordered;
  const page = rest.slice(0, request.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ item }) => item),
    ...(rest.length > page.length && last && { nextCursor: encode(scope, last.position) }),
  };
}

function encode(scope: readonly string[], position: SortPosition): string {
  return Buffer.from(JSON.stringify([scope, position])).toString('base64url');
}

/** Strict: canonical base64url of exactly [scope, position], the position shaped like this list's. */
function decode(cursor: string, scope: readonly string[], sample: SortPosition | undefined): SortPosition {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(cursor)) throw new InvalidCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw new InvalidCursorError();
  const [, position] = parsed as [unknown, unknown];
  const shaped =
    Array.isArray(position) &&
    position.length > 0 &&
    position.every((part) => typeof part === 'string' || typeof part === 'number') &&
    // An empty list has no sample; a cursor can only have come from a list with items, so any shape goes.
    (sample === undefined ||
      (position.length === sample.length && position.every((part, at) => typeof part === typeof sample[at])));
  if (!shaped || encode(scope, position as SortPosition) !== cursor) throw new InvalidCursorError();
  return position as SortPosition;
}
