/**
 * Reading a short text word by word with the slips of quick typing: a word counts as one of a phrase
 * when it is a few edits away from it (insert, delete, substitute, swap neighbours), never when it is
 * another real word or a form of the same word. For the few words people type to be taken off a
 * list, not for free text: the caller keeps it to short replies.
 */

import { editDistance } from '../edit-distance';

export { editDistance };

/** The (already folded) text as its words: letters only, apostrophes and hyphens as breaks. */
export function wordsOf(folded: string): string[] {
  return folded.split(/[^\p{L}]+/u).filter((word) => word !== '');
}

/** Edits one word may carry: none in `me` or `off`, one in `take` or `baja`... two in `unsubscribe`. */
function wordAllowance(length: number): number {
  return length <= 2 ? 0 : length <= 5 ? 1 : 2;
}

/** Edits a whole phrase may carry, by its letters: `stop` none, `take me off` one, `unsubscribe` two. */
function phraseAllowance(letters: number): number {
  return letters <= 4 ? 0 : letters <= 9 ? 1 : 2;
}

const INFLECTIONS = /(?:ing|ed|es|s|d)$/;

/** `removed`, `removes`, `removing` of `remove`: another form of the word, not a slip. */
function isInflection(word: string, target: string): boolean {
  if (word === target || !word.startsWith(target.slice(0, -1))) return false;
  return word.replace(INFLECTIONS, '').replace(/e$/, '') === target.replace(/e$/, '');
}

/** How many edits `word` is from `target`, or Infinity when it is no slip of it. */
function slipDistance(word: string, target: string, notSlips: ReadonlySet<string>): number {
  if (word === target) return 0;
  // The first letter is rarely the slip, and a real word or another form of the target is meant as typed.
  if (word[0] !== target[0] || notSlips.has(word) || isInflection(word, target)) {
    return Number.POSITIVE_INFINITY;
  }
  const distance = editDistance(word, target);
  return distance <= wordAllowance(target.length) ? distance : Number.POSITIVE_INFINITY;
}

/**
 * Whether `words` contain one of `phrases` (each a folded phrase, words separated by spaces) as
 * consecutive words, each within its allowance of edits and the phrase within its own. `notSlips`
 * lists real words close to a phrase's that mean something else (`subscribe`, `anmelden`).
 */
export function hasPhraseWithSlips(
  words: readonly string[],
  phrases: readonly string[],
  notSlips: ReadonlySet<string>,
): boolean {
  return phrases.some((phrase) => {
    const targets = phrase.split(' ');
    const allowance = phraseAllowance(targets.join('').length);
    for (let start = 0; start + targets.length <= words.length; start++) {
      let edits = 0;
      for (const [offset, target] of targets.entries()) {
        edits += slipDistance(words[start + offset] ?? '', target, notSlips);
        if (edits > allowance) break;
      }
      if (edits <= allowance) return true;
    }
    return false;
  });
}
