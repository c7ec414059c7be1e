/**
 * Personalization: fills `{{lead.firstName}}`-style placeholders (grammar in `core/placeholders`) from
 * a lead (and whoever referred it), an org and an assistant. Values inserted into HTML are escaped; a placeholder with no value
 * and no fallback makes the render fail with the list of missing fields, never a half-filled message.
 */
import { UnprocessableError } from '../errors';
import { findPlaceholders } from '../placeholders';
import type { AssistantProfile, LeadProfile, OrgProfile } from './profiles';

export interface RenderContext {
  lead: LeadProfile;
  org: OrgProfile;
  assistant: AssistantProfile;
}

/** A render needs lead (or org) fields that are empty; `details.missing` lists their paths. */
export class MissingFieldsError extends UnprocessableError {
  declare readonly details: { missing: string[] };

  constructor(missing: readonly string[]) {
    super(`Cannot render the message: no value for ${missing.join(', ')}`, { missing: [...missing] });
  }
}

/** How a value is written into its surroundings. */
export type Encoding = 'html' | 'text';

export interface FilledTemplate {
  text: string;
  /** Paths of placeholders that had neither a value nor a fallback, each once. */
  missing: string[];
}

const LEAD_FIELDS = {
  'lead.firstName': 'firstName',
  'lead.lastName': 'lastName',
  'lead.designation': 'designation',
  'lead.phone': 'phone',
  'lead.company': 'company',
  'lead.industry': 'industry',
  // Not a placeholder custom messages may use (save-time validation rejects it); the tone bank's
  // generated first e-mails do.
  'lead.context': 'context',
} as const satisfies Record<string, keyof LeadProfile>;

const CUSTOM_PREFIX = 'lead.custom.';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/**
 * The value a placeholder path stands for, or undefined when the field is empty or unknown.
 * Whitespace runs collapse to one space: values end up in subjects and WhatsApp parameters, where a
 * line break is either a header injection or a rejected template parameter.
 */
export function placeholderValue(path: string, { lead, org, assistant }: RenderContext): string | undefined {
  const raw = rawValue(path, lead, org, assistant);
  const value = typeof raw === 'string' ? raw.replace(/\s+/g, ' ').trim() : '';
  if (value === '') return undefined;
  return SENTENCES.has(path) ? asSentence(value) : value;
}

function rawValue(path: string, lead: LeadProfile, org: OrgProfile, assistant: AssistantProfile): unknown {
  if (Object.hasOwn(LEAD_FIELDS, path)) return lead[LEAD_FIELDS[path as keyof typeof LEAD_FIELDS]];
  if (path.startsWith(CUSTOM_PREFIX)) {
    const name = path.slice(CUSTOM_PREFIX.length);
    // hasOwn, so `lead.custom.constructor` is not Object's constructor.
    return lead.customFields !== undefined && Object.hasOwn(lead.customFields, name)
      ? lead.customFields[name]
      : undefined;
  }
  switch (path) {
    case 'org.name':
      return org.name;
    case 'org.website':
      return org.website;
    // Like the lead context, for the tone bank's first e-mails only (custom messages may not use them).
    case 'org.offering.summary':
      return org.offering?.summary;
    case 'org.offering.valueProposition':
      return org.offering?.valueProposition;
    case 'org.offering.callToAction':
      return org.offering?.callToAction;
    case 'assistant.name':
      return assistant.name;
    case 'referrer.firstName':
      return lead.referrer?.firstName;
    case 'referrer.lastName':
      return lead.referrer?.lastName;
    default:
      return undefined;
  }
}

/** Free text the tone bank quotes as whole sentences. */
const SENTENCES: ReadonlySet<string> = new Set([
  'lead.context',
  'org.offering.summary',
  'org.offering.valueProposition',
  'org.offering.callToAction',
]);

/** Free text quoted as a sentence must end like one. */
function asSentence(text: string): string {
  const trimmed = text.replace(/[\s,;:–—-]+$/u, '');
  return /[.!?…)"'”’]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Fills every placeholder in `template`. Values are escaped for `encoding`; a fallback is written as
 * authored (in HTML it is part of the authored markup, which is sanitized after filling).
 */
export function fillPlaceholders(
  template: string,
  context: RenderContext,
  encoding: Encoding,
): FilledTemplate {
  const missing = new Set<string>();
  let text = '';
  let cursor = 0;
  for (const use of findPlaceholders(template)) {
    const start = template.indexOf(use.raw, cursor);
    const value = placeholderValue(use.path, context);
    let replacement: string;
    if (value !== undefined) replacement = encoding === 'html' ? escapeHtml(value) : value;
    else if (use.fallback !== undefined) replacement = use.fallback.trim();
    else {
      missing.add(use.path);
      replacement = '';
    }
    text += template.slice(cursor, start);
    cursor = start + use.raw.length;
    // Nothing written leaves no gap before the punctuation that follows: "Hallo {{lead.firstName|}}," is "Hallo,".
    if (replacement === '' && /^[,.!?;:]/.test(template.slice(cursor))) text = text.replace(/[ \t]+$/, '');
    text += replacement;
  }
  text += template.slice(cursor);
  return { text, missing: [...missing] };
}

/** Throws one MissingFieldsError naming every field missing from any of the filled parts. */
export function assertFilled(...parts: readonly FilledTemplate[]): void {
  const missing = [...new Set(parts.flatMap((part) => part.missing))];
  if (missing.length > 0) throw new MissingFieldsError(missing);
}

export function personalizeHtml(template: string, context: RenderContext): string {
  const filled = fillPlaceholders(template, context, 'html');
  assertFilled(filled);
  return filled.text;
}

export function personalizeText(template: string, context: RenderContext): string {
  const filled = fillPlaceholders(template, context, 'text');
  assertFilled(filled);
  return filled.text;
}

/** The paths a template cannot render without: its placeholders that have no fallback. */
export function requiredFields(template: string): string[] {
  return [
    ...new Set(findPlaceholders(template).flatMap((use) => (use.fallback === undefined ? [use.path] : []))),
  ];
}
