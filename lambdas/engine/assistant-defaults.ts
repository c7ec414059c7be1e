/**
 * An assistant's default sequences must exist for its org and be of the kind they stand in for: the
 * default of POST /leads a standard sequence, the Email CC default an Email CC one. Checked when the
 * assistant is saved, so a lead never meets a dangling or mistyped default later.
 */
import type { AssistantInput } from '../core/assistants';
import { type FieldIssue, ValidationError } from '../core/errors';
import type { SequenceType } from '../core/sequences';
import { getVisibleSequence } from '../data/sequences';

const DEFAULTS: ReadonlyArray<{
  field: 'defaultSequenceId' | 'defaultEmailCcSequenceId';
  type: SequenceType;
}> = [
  { field: 'defaultSequenceId', type: 'standard' },
  { field: 'defaultEmailCcSequenceId', type: 'email_cc' },
];

export async function assertDefaultSequences(orgId: string, input: AssistantInput): Promise<void> {
  const issues = await Promise.all(
    DEFAULTS.map(async ({ field, type }): Promise<FieldIssue | undefined> => {
      const id = input[field];
      const sequence = await getVisibleSequence(orgId, id);
      if (!sequence) return { path: field, message: `No sequence ${id} in this organization` };
      if (sequence.type !== type)
        return {
          path: field,
          message: `Sequence ${id} is ${sequence.type}; this default needs a ${type} one`,
        };
      return undefined;
    }),
  );
  const found = issues.filter((issue): issue is FieldIssue => issue !== undefined);
  if (found.length > 0) throw new ValidationError(found);
}
