/**
 * Personalization placeholders: the grammar shared by custom messages, WhatsApp template parameters
 * and the tone bank. `{{lead.firstName}}`, or with a fallback `{{lead.firstName|there}}`.
 */

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
] as const;

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

/** The placeholders in `text` that no lead, org or assistant field can fill, as written. */
export function unknownPlaceholders(text: string): string[] {
  return findPlaceholders(text)
    .filter((use) => !isKnownPlaceholder(use.path))
    .map((use) => use.raw);
}
