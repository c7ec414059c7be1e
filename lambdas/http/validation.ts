/** zod at the edge: parses input and turns zod's issues into field-level validation errors. */
import type * as z from 'zod/mini';
import { type FieldIssue, ValidationError } from '../core/errors';
import '../zod-messages';

export function parseWith<T extends z.ZodMiniType>(schema: T, input: unknown): z.output<T> {
  // Lone surrogates cannot be stored (DynamoDB wants valid UTF-8) nor sent: refused in any field.
  const malformed = illFormedText(input, []);
  if (malformed.length > 0) throw new ValidationError(malformed);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}

const LONE_SURROGATE = 'Contains a lone surrogate (not valid Unicode text)';

function illFormedText(value: unknown, path: string[]): FieldIssue[] {
  if (typeof value === 'string')
    return value.isWellFormed() ? [] : [{ path: path.join('.'), message: LONE_SURROGATE }];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) => [
    ...(key.isWellFormed() ? [] : [{ path: [...path, key].join('.'), message: LONE_SURROGATE }]),
    ...illFormedText(item, [...path, key]),
  ]);
}
