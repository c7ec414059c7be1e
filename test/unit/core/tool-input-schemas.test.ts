/**
 * The tools' input schemas are written out (lambdas/core/tool-input-schemas.ts) rather than made with
 * zod's toJSONSchema at run time; they must stay what the answers' own schemas say.
 */
import { describe, expect, it } from 'vitest';
import { draftAnswerSchema } from '../../../lambdas/core/rendering/model-drafts';
import { replyToolAnswerSchema } from '../../../lambdas/core/reply-classifier';
import { REPLY_TOOL_INPUT_SCHEMA, WRITER_TOOL_INPUT_SCHEMA } from '../../../lambdas/core/tool-input-schemas';
import { toolInputSchemaOf } from '../../../local/tool-input-schemas';

describe('the tools’ written-out input schemas (regenerate with `npm run tool-schemas`)', () => {
  it('the reply classifier’s is its answer schema’s', () => {
    // Act
    const made = toolInputSchemaOf(replyToolAnswerSchema());

    // Assess
    expect(REPLY_TOOL_INPUT_SCHEMA).toEqual(made);
  });

  it('the follow-up writer’s is its answer schema’s', () => {
    // Act
    const made = toolInputSchemaOf(draftAnswerSchema());

    // Assess
    expect(WRITER_TOOL_INPUT_SCHEMA).toEqual(made);
  });
});
