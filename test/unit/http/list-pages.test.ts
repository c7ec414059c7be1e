/** Paging a whole catalogue in memory: order, positions that survive edits between pages, strict cursors. */
import { describe, expect, it } from 'vitest';
import { InvalidCursorError } from '../../../lambdas/core/errors';
import { comparePositions, pageOfList } from '../../../lambdas/http/list-pages';

type Named = { id: string; name: string };
const byName = (item: Named) => [item.name, item.id] as const;
const scope = ['things', 'org-1', 'alice'];

function pagesOf(items: Named[], limit: number, between?: (page: number, items: Named[]) => Named[]) {
  const seen: string[] = [];
  let current = items;
  let cursor: string | undefined;
  let page = 0;
  do {
    const answer = pageOfList(current, byName, { limit, ...(cursor && { cursor }) }, scope);
    seen.push(...answer.items.map((item) => item.id));
    cursor = answer.nextCursor;
    page += 1;
    if (between) current = between(page, current);
  } while (cursor);
  return seen;
}

describe('pageOfList', () => {
  const things: Named[] = [
    { id: 'b', name: 'Émile' },
    { id: 'a', name: 'zed' },
    { id: 'c', name: 'Anna' },
    { id: 'd', name: 'emile' },
  ];

  it('orders names as people read them, ids breaking ties, and pages without duplicates or gaps', () => {
    expect(pagesOf(things, 50)).toEqual(['c', 'b', 'd', 'a']);
    expect(pagesOf(things, 1)).toEqual(['c', 'b', 'd', 'a']);
    expect(pagesOf(things, 3)).toEqual(['c', 'b', 'd', 'a']);
    expect(pageOfList(things, byName, { limit: 4 }, scope).nextCursor).toBeUndefined();
    expect(pageOfList([], byName, { limit: 4 }, scope)).toEqual({ items: [] });
  });

  it('continues after the last item shown even when items come and go between pages', () => {
    // After the first page ("Anna"), "Anna" is deleted and "Bea" added: the next page starts after "Anna".
    const seen = pagesOf(things, 1, (page, items) =>
      page === 1 ? [...items.filter((item) => item.id !== 'c'), { id: 'e', name: 'Bea' }] : items,
    );
    expect(seen).toEqual(['c', 'e', 'b', 'd', 'a']);
  });

  it('refuses a cursor of another scope, another shape, or not canonical', () => {
    const { nextCursor } = pageOfList(things, byName, { limit: 1 }, scope);
    if (!nextCursor) throw new Error('expected a next page');
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const refused = [
      () => pageOfList(things, byName, { limit: 1, cursor: nextCursor }, ['things', 'org-1', 'bob']),
      () => pageOfList(things, byName, { limit: 1, cursor: nextCursor }, ['things', 'org-2', 'alice']),
      () => pageOfList(things, byName, { limit: 1, cursor: nextCursor }, ['others', 'org-1', 'alice']),
      () => pageOfList(things, byName, { limit: 1, cursor: `${nextCursor}A` }, scope),
      () => pageOfList(things, byName, { limit: 1, cursor: 'not a cursor' }, scope),
      () => pageOfList(things, byName, { limit: 1, cursor: forge([scope, [1, 'a']]) }, scope),
      () => pageOfList(things, byName, { limit: 1, cursor: forge([scope, ['a']]) }, scope),
      () => pageOfList(things, byName, { limit: 1, cursor: forge([scope, ['a', 'b'], 'more']) }, scope),
    ];
    for (const attempt of refused) expect(attempt).toThrow(InvalidCursorError);
    expect(
      pageOfList(things, byName, { limit: 1, cursor: forge([scope, ['Anna', 'c']]) }, scope).items,
    ).toEqual([{ id: 'b', name: 'Émile' }]);
  });

  it('compares numbers as numbers and the last part exactly', () => {
    expect(comparePositions([2, 'x'], [10, 'x'])).toBeLessThan(0);
    expect(comparePositions(['Émile', 'b'], ['emile', 'd'])).toBeLessThan(0);
    expect(comparePositions(['a', 'B'], ['a', 'b'])).toBeLessThan(0);
  });
});
