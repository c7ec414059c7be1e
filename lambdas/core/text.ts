/**
 * Text people will read: names and subjects shown in lists, e-mail headers and previews. Such text
 * must show something (not only NUL, zero-width, bidi or other invisible characters), stay on one
 * line (no control characters), and be well-formed UTF-16 (a lone surrogate cannot be stored or sent).
 */
import * as z from 'zod/mini';

/**
 * What renders as nothing: controls, format characters (zero-width, bidi), unassigned and private
 * code points, separators and white space, and the blank letters fonts draw empty (Hangul fillers,
 * the blank Braille pattern).
 */
const INVISIBLE = /[\p{C}\p{Z}\s\u115F\u1160\u3164\uFFA0\u2800]/gu;
const CONTROL = /\p{Cc}/u;

/**
 * A whole number with English digit grouping (100000 as "100,000"), without Intl: the first
 * `toLocaleString` of a process loads ICU's number formatting, tens of milliseconds.
 */
export const groupDigits = (count: number): string => String(count).replace(/\B(?=(\d{3})+$)/g, ',');

export function hasVisibleCharacter(text: string): boolean {
  return text.replace(INVISIBLE, '') !== '';
}

/** Issues of a one-line display text; none for good text. */
export function displayTextIssues(text: string): string[] {
  if (!text.isWellFormed()) return ['Contains a lone surrogate (not valid Unicode text)'];
  if (CONTROL.test(text)) return ['Must not contain control characters (line breaks, tabs, NUL ...)'];
  if (!hasVisibleCharacter(text)) return ['Must contain a visible character'];
  return [];
}

const refineDisplayText = (text: string, ctx: z.core.$RefinementCtx) => {
  for (const message of displayTextIssues(text)) ctx.addIssue({ code: 'custom', message });
};

/** A required one-line name or title of at most `max` characters, trimmed. */
export const displayName = (max: number) =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.superRefine(refineDisplayText));

/**
 * Zero-width characters that a name can carry unseen. U+200B (zero-width space), U+2060 (word joiner)
 * and U+FEFF (a BOM mid-text) change no letter in any script; U+200C and U+200D (zero-width non-joiner
 * and joiner) do: they spell Persian and Indic words and join emoji, so a name keeps them as typed.
 */
const ZERO_WIDTH_SPACES = /[\u200B\u2060\uFEFF]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/** A name as stored and shown: NFC, without the zero-width characters that spell nothing. */
export const storedName = (name: string): string => name.replace(ZERO_WIDTH_SPACES, '').normalize('NFC');

/**
 * What names compare by where they must be unique: NFC, without any zero-width character, trimmed and
 * case-folded, so names that look alike (composed or not, with a hidden joiner or not) are one name.
 */
export const nameKey = (name: string): string =>
  name.replace(ZERO_WIDTH, '').normalize('NFC').trim().toLocaleLowerCase('en').normalize('NFC');

/**
 * What lead search compares by (`GET /leads?q=`): the text in NFKD without its combining marks (so
 * `Müller` and `muller` meet), case-folded, with runs of white space as one space; NFC again so the
 * key is one spelling. Stored keys and queries are both made by this function, so they always agree.
 */
export const searchKey = (text: string): string =>
  text
    .replace(ZERO_WIDTH, '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLocaleLowerCase('en')
    .replace(/\s+/gu, ' ')
    .trim()
    .normalize('NFC');

/**
 * A name unique within its org (sequences, messages): a display name, stored as `storedName` makes it,
 * so the stored name and its uniqueness key agree.
 */
export const uniqueName = (max: number) =>
  z
    .string()
    .check(
      z.overwrite(storedName),
      z.trim(),
      z.minLength(1),
      z.maxLength(max),
      z.superRefine(refineDisplayText),
    );

/** An optional one-line text that may be left empty (`''`), else held to the same rules. */
export const optionalDisplayText = (max: number) =>
  z.string().check(
    z.trim(),
    z.maxLength(max),
    z.superRefine((text, ctx) => {
      if (text !== '') refineDisplayText(text, ctx);
    }),
  );
