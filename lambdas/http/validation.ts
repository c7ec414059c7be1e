/** zod at the edge: parses input and turns zod's issues into field-level validation errors. */
import type * as z from 'zod/mini';
import { type FieldIssue, ValidationError } from '../core/errors';
import '../zod-messages';

/**
 * How deeply a body may nest arrays and objects (the body itself is level 1). DynamoDB stores at most
 * 32 levels of nested attributes, and no input of this API comes near it (a lead batch is 4 deep).
 * Refusing deeper input up front also keeps every later walk over it (zod, rendering, marshalling)
 * far from the stack's limit.
 */
export const MAX_NESTING_DEPTH = 32;

export function parseWith<T extends z.ZodMiniType>(schema: T, input: unknown): z.output<T> {
  assertFitInput(input);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
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
