/**
 * How many typing slips apart two words are, and which known name a mistyped one was meant to be: the
 * inbound reader's slips (inbound/typos.ts) and the API's "did you mean" on an unknown field or column.
 */

/** Optimal string alignment distance: Levenshtein plus swapped neighbours, the usual typing slips. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = rows[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** Case and separators do not count: `first_name`, `First Name` and `firstname` all read `firstName`. */
const folded = (name: string) => name.toLowerCase().replace(/[\s_-]+/g, '');

/**
 * The known name an unknown one most likely meant, or undefined when none is close: at most one slip for
 * a name of up to four letters, two beyond (a third of a long name), so `emial` finds `email` but `zip`
 * finds nothing among lead fields.
 */
export function closestName(unknown: string, known: readonly string[]): string | undefined {
  const word = folded(unknown);
  if (word === '') return undefined;
  const allowance = word.length <= 4 ? 1 : Math.max(2, Math.floor(word.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(word, folded(name));
    if (distance <= allowance && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** `unknown field emial — did you mean email?`: how the API names a body field it does not know. */
export function unknownFieldMessage(name: string, known: readonly string[]): string {
  const suggestion = closestName(name, known);
  return `unknown field ${name}${suggestion === undefined ? '' : ` — did you mean ${suggestion}?`}`;
}
