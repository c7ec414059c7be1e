/**
 * Personalization placeholders: the grammar shared by custom messages, WhatsApp template parameters
 * and the tone bank. `{{lead.firstName}}`, or with a fallback `{{lead.firstName|there}}`.
 * `{{referrer.firstName}}` is the name of whoever referred the lead (a reply's referral); most leads
 * have none, so it usually wants a fallback: `{{referrer.firstName|a colleague}}`.
 */
import { editDistance } from './edit-distance';

export const PLACEHOLDER_PATHS = [
  'lead.firstName',
  'lead.lastName',
  'lead.designation',
  'lead.phone',
  'lead.company',
  'lead.industry',
  'org.name',
  'org.website',
  'assistant.name',
  'referrer.firstName',
  'referrer.lastName',
] as const;

/** The placeholders and their grammar in a sentence or two, for the API's descriptions of message fields. */
export const PLACEHOLDERS_DESCRIPTION = `Placeholders: ${PLACEHOLDER_PATHS.map((path) => `{{${path}}}`).join(', ')} and {{lead.custom.<field>}}, each with an optional fallback after a bar, {{lead.firstName|there}}; a step whose placeholder has neither a value nor a fallback is skipped (warning placeholder_missing). The referrer is whoever referred a lead (a reply's referral): most leads have none, so give it a fallback, {{referrer.firstName|a colleague}}`;

export type PlaceholderPath = (typeof PLACEHOLDER_PATHS)[number] | `lead.custom.${string}`;

export interface PlaceholderUse {
  /** The text as written, braces included. */
  raw: string;
  path: string;
  fallback?: string;
}

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;
const CUSTOM_FIELD = /^lead\.custom\.[A-Za-z0-9_-]{1,64}$/;
const KNOWN_PATHS: ReadonlySet<string> = new Set(PLACEHOLDER_PATHS);

export function findPlaceholders(text: string): PlaceholderUse[] {
  return [...text.matchAll(PLACEHOLDER)].map(([raw, path = '', fallback]) =>
    fallback === undefined ? { raw, path } : { raw, path, fallback },
  );
}

export function isKnownPlaceholder(path: string): path is PlaceholderPath {
  return KNOWN_PATHS.has(path) || CUSTOM_FIELD.test(path);
}

/**
 * Why a placeholder is refused, in words a person can act on: the closest known one when the name looks
 * mistyped, and the whole list with the fallback syntax, e.g.
 * `Unknown placeholder {{lead.frstName}} — did you mean {{lead.firstName}}? Placeholders are ...`.
 */
export function unknownPlaceholderMessage(raw: string): string {
  const path = findPlaceholders(raw)[0]?.path ?? raw;
  // Two slips at most: the shared `lead.` prefix would make a length-based allowance suggest anything.
  const suggestion = PLACEHOLDER_PATHS.map((known) => ({ known, slips: editDistance(path, known) }))
    .filter(({ slips }) => slips <= 2)
    .sort((a, b) => a.slips - b.slips)[0]?.known;
  const hint = suggestion === undefined ? '' : ` — did you mean {{${suggestion}}}?`;
  return `Unknown placeholder ${raw}${hint} Placeholders are ${PLACEHOLDER_PATHS.join(', ')} and lead.custom.<field>; a fallback follows a bar: {{lead.firstName|there}}`;
}

/** The placeholders in `text` that no lead, referrer, org or assistant field can fill, as written. */
export function unknownPlaceholders(text: string): string[] {
  return findPlaceholders(text)
    .filter((use) => !isKnownPlaceholder(use.path))
    .map((use) => use.raw);
}
