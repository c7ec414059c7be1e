/**
 * The one place where zod's issues become the messages people read in a 400: "name is required",
 * "afterDays must be a whole number", "unknown field emial — did you mean email?", named by the issue's
 * field rather than zod's "Invalid input: expected string, received undefined". A message a schema
 * gives itself (a refine's) still wins; zod's English locale stays behind ours for any issue we do not
 * word. zod's mini build carries no messages at all, so importing this module is what configures them:
 * imported where issues become messages, the API's validation and the environment check.
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { unknownFieldMessage } from './edit-distance';

type RawIssue = z.core.$ZodRawIssue;

/**
 * The field an issue is about, as its path names it: the last key, with any list positions after it
 * (`leads.3.email` reads `email`, `steps.2` reads `steps[2]`); the body itself when the path is empty.
 */
export function fieldName(path: readonly PropertyKey[] | undefined): string {
  const segments = path ?? [];
  let name = '';
  for (let index = segments.length - 1; index >= 0; index--) {
    const segment = segments[index];
    if (typeof segment === 'number') name = `[${segment}]${name}`;
    else return `${String(segment)}${name}`;
  }
  return name === '' ? 'the body' : `the body${name}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  bigint: 'a whole number',
  date: 'a date',
  null: 'null',
};

const FORMAT_NAMES: Record<string, string> = {
  email: 'a valid email address, e.g. ada@example.com',
  datetime:
    'an ISO 8601 date-time with a time zone offset or Z, e.g. 2027-01-05T09:00:00Z or 2027-01-05T09:00:00+01:00',
  date: 'a date as YYYY-MM-DD',
  time: 'a time as HH:MM',
  url: 'a URL, e.g. https://example.com',
  e164: 'an E.164 number, e.g. +14155550142',
};

const SIZE_UNITS: Record<string, [string, string]> = {
  string: ['character', 'characters'],
  array: ['item', 'items'],
  set: ['item', 'items'],
  map: ['entry', 'entries'],
  file: ['byte', 'bytes'],
};

const counted = (count: number | bigint, [one, many]: [string, string]) =>
  `${count} ${count === 1 || count === 1n ? one : many}`;

const shown = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** The message for one issue, or undefined to let zod's locale word it. */
export function humanMessage(issue: RawIssue): string | undefined {
  const field = fieldName(issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return `${field} is required`;
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      return issue.input === null ? `${field} must be ${expected}, not null` : `${field} must be ${expected}`;
    }
    case 'too_big': {
      const units = SIZE_UNITS[issue.origin];
      const limit = units ? counted(issue.maximum, units) : String(issue.maximum);
      if (issue.exact) return `${field} must be exactly ${limit}`;
      if (issue.origin === 'array') return `${field} must have at most ${limit}`;
      return issue.inclusive === false
        ? `${field} must be less than ${limit}`
        : `${field} must be at most ${limit}`;
    }
    case 'too_small': {
      const units = SIZE_UNITS[issue.origin];
      if (issue.origin === 'string' && Number(issue.minimum) === 1 && !issue.exact)
        return `${field} must not be empty`;
      const limit = units ? counted(issue.minimum, units) : String(issue.minimum);
      if (issue.exact) return `${field} must be exactly ${limit}`;
      if (issue.origin === 'array') return `${field} must have at least ${limit}`;
      return issue.inclusive === false
        ? `${field} must be more than ${limit}`
        : `${field} must be at least ${limit}`;
    }
    case 'invalid_format': {
      const format = issue.format;
      if (format === 'regex') return `${field} is not in the expected format (${String(issue.pattern)})`;
      if (format === 'starts_with') return `${field} must start with "${issue.prefix}"`;
      if (format === 'ends_with') return `${field} must end with "${issue.suffix}"`;
      if (format === 'includes') return `${field} must include "${issue.includes}"`;
      return `${field} must be ${FORMAT_NAMES[format] ?? `a valid ${format}`}`;
    }
    case 'not_multiple_of':
      return `${field} must be a multiple of ${issue.divisor}`;
    case 'unrecognized_keys': {
      // The object that met the keys knows the ones it expected: the suggestion comes from its shape.
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      const known = shape ? Object.keys(shape) : [];
      return issue.keys.map((key) => unknownFieldMessage(key, known)).join('; ');
    }
    case 'invalid_key': {
      // The path ends with the key itself: name the object that has it.
      const why = issue.issues[0]?.message;
      const owner = fieldName(issue.path?.slice(0, -1));
      return `${owner} has a key that is not allowed (${shown(issue.input)})${why ? `: ${why}` : ''}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${field} must be ${shown(issue.values[0])}`
        : `${field} must be one of: ${issue.values.map(shown).join(', ')}`;
    case 'invalid_union':
      return `${field} does not match any of its allowed forms`;
    case 'invalid_element':
      return `${field} has a value that is not allowed`;
    case 'custom':
      return `${field} is not valid`;
    default:
      return undefined;
  }
}

z.config({ ...en(), customError: humanMessage });
