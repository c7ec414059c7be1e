/**
 * zod where input enters (API bodies and queries, import rows): parses it and turns zod's issues into
 * field-level validation errors.
 */
import * as z from 'zod/mini';
// Not `z.core.util`: reaching a namespace inside a namespace makes esbuild keep all of zod's core, with
// its 64 locales (about 390 KB read at every API function's cold start, docs/performance.md).
import { util } from 'zod/v4/core';
import { type FieldIssue, ValidationError } from './errors';
import './validation-messages';

/**
 * How deeply a body may nest arrays and objects (the body itself is level 1). DynamoDB stores at most
 * 32 levels of nested attributes, and no input of this API comes near it (a lead batch is 4 deep).
 * Refusing deeper input up front also keeps every later walk over it (zod, rendering, marshalling)
 * far from the stack's limit.
 */
export const MAX_NESTING_DEPTH = 32;

export function parseWith<T extends z.ZodMiniType>(schema: T, input: unknown): z.output<T> {
  assertFitInput(input);
  const result = strictInput(schema).safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(result.error.issues.flatMap(fieldIssuesOf));
}

/** A zod issue as the 400's details: an unknown field is named by its own path, so a UI can mark it. */
function fieldIssuesOf(issue: z.core.$ZodIssue): FieldIssue[] {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 1) {
    const messages = issue.message.split('; ');
    return issue.keys.map((key, index) => ({
      path: [...path, key].join('.'),
      message: messages[index] ?? issue.message,
    }));
  }
  if (issue.code === 'unrecognized_keys') path.push(...issue.keys);
  return [{ path: path.join('.'), message: issue.message }];
}

const strictVersions = new WeakMap<z.ZodMiniType, z.ZodMiniType>();

/**
 * The schema as input must meet it: every object refuses keys it does not declare (400 "unknown field
 * emial — did you mean email?") instead of zod's default of dropping them, which turned a typo into a
 * silently missing value. Made here, once, rather than in each schema: the same core schemas also read
 * stored items (org settings), where a field a newer version wrote must not fail the read. Objects that
 * declare what else they take (`z.looseObject`, a catchall) keep it; intersections are left as they are,
 * since each side would refuse the other's keys. The OpenAPI document describes request bodies with the
 * same function (local/openapi.ts), so its `additionalProperties: false` is what the server does.
 */
export function strictInput<T extends z.ZodMiniType>(schema: T): T {
  let strict = strictVersions.get(schema);
  if (!strict) {
    strict = strictened(schema);
    strictVersions.set(schema, strict);
  }
  return strict as T;
}

function strictened(schema: z.ZodMiniType): z.ZodMiniType {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  const inner = (key: string) => def[key] as z.ZodMiniType;
  const changed = (parts: Record<string, unknown>) =>
    (schema as unknown as { clone: (def: unknown) => z.ZodMiniType }).clone(util.mergeDefs(def, parts));
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(def.shape as Record<string, z.ZodMiniType>).map(([key, field]) => [
          key,
          strictInput(field),
        ]),
      );
      const catchall = def.catchall as z.ZodMiniType | undefined;
      return changed({ shape, catchall: catchall ? strictInput(catchall) : z.never() });
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return sameUnlessChanged(schema, { innerType: inner('innerType') }, changed);
    case 'pipe':
      return sameUnlessChanged(schema, { in: inner('in'), out: inner('out') }, changed);
    case 'array':
      return sameUnlessChanged(schema, { element: inner('element') }, changed);
    case 'record':
      return sameUnlessChanged(schema, { valueType: inner('valueType') }, changed);
    case 'union': {
      const options = (def.options as z.ZodMiniType[]).map(strictInput);
      const same = options.every((option, index) => option === (def.options as z.ZodMiniType[])[index]);
      return same ? schema : changed({ options });
    }
    case 'lazy': {
      const getter = def.getter as () => z.ZodMiniType;
      return changed({ getter: () => strictInput(getter()) });
    }
    default:
      return schema;
  }
}

/** The schema itself when none of its parts changed: no clone for a field of plain strings. */
function sameUnlessChanged(
  schema: z.ZodMiniType,
  parts: Record<string, z.ZodMiniType>,
  changed: (parts: Record<string, unknown>) => z.ZodMiniType,
): z.ZodMiniType {
  const strictParts = Object.fromEntries(
    Object.entries(parts).map(([key, part]) => [key, strictInput(part)]),
  );
  return Object.entries(strictParts).every(([key, part]) => part === parts[key])
    ? schema
    : changed(strictParts);
}

/**
 * Refuses (400 naming each path) what no schema should have to meet: text with lone surrogates, which
 * cannot be stored (DynamoDB wants valid UTF-8) nor sent, in any field or key; and nesting deeper than
 * MAX_NESTING_DEPTH.
 */
export function assertFitInput(input: unknown): void {
  const issues = unfitInput(input);
  if (issues.length > 0) throw new ValidationError(issues);
}

const LONE_SURROGATE = 'Contains a lone surrogate (not valid Unicode text)';
const TOO_DEEP = `Nested deeper than ${MAX_NESTING_DEPTH} levels of arrays and objects`;

/**
 * Walks the parsed body with a stack of its own rather than by recursion: JSON.parse accepts nesting
 * far deeper than a call stack (a 200 KB body of `[` is 100,000 levels), and that must answer 400.
 * Issues come in document order, a key's before its value's.
 */
function unfitInput(input: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const pending: { key?: string; value: unknown; path: string[] }[] = [{ value: input, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { key, value, path } = next;
    if (key !== undefined && !key.isWellFormed())
      issues.push({ path: path.join('.'), message: LONE_SURROGATE });
    if (typeof value === 'string') {
      if (!value.isWellFormed()) issues.push({ path: path.join('.'), message: LONE_SURROGATE });
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= MAX_NESTING_DEPTH) {
      issues.push({ path: path.join('.'), message: TOO_DEEP });
      continue;
    }
    const entries = Object.entries(value);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [childKey, child] = entries[index] as [string, unknown];
      pending.push({ key: childKey, value: child, path: [...path, childKey] });
    }
  }
  return issues;
}
