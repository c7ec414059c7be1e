/** zod at the edge: parses input and turns zod's issues into field-level validation errors. */
import type { z } from 'zod';
import { ValidationError } from '../core/errors';

export function parseWith<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
