/**
 * A step's kept model draft against DynamoDB Local (engine/drafting.ts, data/drafts.ts): reused for the
 * same brief (retries, previews: the model is asked once), written anew and stored in place of the old
 * one when the step asks for another tone, language, formality or position; and the drafting claim:
 * two firings at once ask the model once and send the same text, a firing finding another's live claim
 * waits for its text (and throws for a retry when none comes), a lapsed claim is taken over. The writer is a counting stand-in
 * (the Bedrock adapter has its own tests): what is checked here is what is asked and what is stored.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import type {
  FollowupRequest,
  FollowupWriter,
  GeneratedMessage,
} from '../../lambdas/core/rendering/followup-writer';
import { SAMPLE_ASSISTANT, SAMPLE_LEAD, SAMPLE_ORG } from '../../lambdas/core/rendering/profiles';
import { db, tableName } from '../../lambdas/data/client';
import { draftKey, getRunDrafts } from '../../lambdas/data/drafts';
import { DraftingElsewhereError, draftStep } from '../../lambdas/engine/drafting';

const NOW = new Date('2030-03-04T10:00:00Z');

const REQUEST: FollowupRequest = {
  tone: 'candid',
  position: 'followup',
  sequenceType: 'standard',
  lead: SAMPLE_LEAD,
  org: SAMPLE_ORG,
  assistant: SAMPLE_ASSISTANT,
  sequenceId: 'seq-1',
  stepIndex: 1,
  language: 'en',
  formality: 'formal',
};

/** A model stand-in answering "text 1", "text 2", ... in the order it is asked, after `delayMs`. */
function countingWriter(delayMs = 0) {
  const asked: FollowupRequest[] = [];
  const writer: FollowupWriter<Promise<GeneratedMessage>> = {
    kind: 'bedrock',
    async write(request) {
      asked.push(request);
      const n = asked.length;
      if (delayMs > 0) await new Promise((done) => setTimeout(done, delayMs));
      return { variantId: 'model', html: `<p>text ${n} (${request.tone}, ${request.language})</p>` };
    },
  };
  return { writer, asked };
}

let lead: { orgId: string; leadId: string };
let runId: string;
beforeEach(() => {
  lead = { orgId: `org-${randomUUID()}`, leadId: `lead-${randomUUID()}` };
  runId = `run-${randomUUID()}`;
});

const drafting = (request: FollowupRequest, at = NOW) => ({ lead, runId, request, now: at });

describe('a kept model draft', () => {
  it('is reused for the same brief: a retry is not written again', async () => {
    // Prepare
    const { writer, asked } = countingWriter();
    const first = await draftStep(writer, drafting(REQUEST));

    // Act
    const retry = await draftStep(writer, drafting(REQUEST, new Date(NOW.getTime() + 60_000)));

    // Assess
    expect(asked).toHaveLength(1);
    expect(retry).toEqual(first);
    expect(retry?.message.html).toBe('<p>text 1 (candid, en)</p>');
    expect(retry?.writtenFor).toEqual({
      tone: 'candid',
      position: 'followup',
      sequenceType: 'standard',
      language: 'en',
      formality: 'formal',
    });
  });

  it.each([
    ['its tone', { tone: 'gentle' }],
    ['its language', { language: 'de' }],
    ['its formality', { formality: 'informal' }],
    ['its position (the sequence lost its later steps)', { position: 'last' }],
    ['its sequence type', { sequenceType: 'email_cc' }],
  ] as const)(
    'is written anew, and stored in place of the old one, when the step changed %s',
    async (_, change) => {
      // Prepare
      const { writer, asked } = countingWriter();
      const old = await draftStep(writer, drafting(REQUEST));
      const changed: FollowupRequest = { ...REQUEST, ...change };

      // Act
      const rewritten = await draftStep(writer, drafting(changed));
      const retry = await draftStep(writer, drafting(changed));

      // Assess
      expect(asked).toHaveLength(2);
      expect(asked[1]).toMatchObject(change);
      expect(rewritten?.message.html).toMatch(/^<p>text 2 /);
      expect(rewritten?.message).not.toEqual(old?.message);
      expect(rewritten?.writtenFor).toMatchObject(change);
      expect(retry).toEqual(rewritten);
      const stored = await getRunDrafts(lead, runId);
      expect(stored).toEqual([rewritten]);
    },
  );

  it('kept before briefs were recorded is written anew', async () => {
    // Prepare: a draft as kept before, without writtenFor
    await putStepItem({
      message: { variantId: 'model', html: '<p>old text</p>' },
      writer: { kind: 'bedrock' },
      at: NOW.toISOString(),
    });
    const { writer, asked } = countingWriter();

    // Act
    const draft = await draftStep(writer, drafting(REQUEST));

    // Assess
    expect(asked).toHaveLength(1);
    expect(draft?.message.html).toBe('<p>text 1 (candid, en)</p>');
    expect(await getRunDrafts(lead, runId)).toEqual([draft]);
  });

  it('replaced by two firings at once is written once: the model is asked by the firing that claimed it, and both send its text', async () => {
    // Prepare: a draft of the old tone; both firings read it before either replaces it
    await draftStep(countingWriter().writer, drafting(REQUEST));
    const { writer, asked } = countingWriter(200);
    const changed: FollowupRequest = { ...REQUEST, tone: 'gentle' };

    // Act
    const [one, other] = await Promise.all([
      draftStep(writer, drafting(changed)),
      draftStep(writer, drafting(changed)),
    ]);

    // Assess
    expect(asked).toHaveLength(1);
    expect(one).toEqual(other);
    expect(one?.writtenFor?.tone).toBe('gentle');
    expect(await getRunDrafts(lead, runId)).toEqual([one]);
  });
});

describe('a step another firing is drafting', () => {
  it('is written once when two firings draft it at once: both send the text of the one that asked', async () => {
    // Prepare
    const { writer, asked } = countingWriter(200);

    // Act
    const [one, other] = await Promise.all([
      draftStep(writer, drafting(REQUEST)),
      draftStep(writer, drafting(REQUEST)),
    ]);

    // Assess
    expect(asked).toHaveLength(1);
    expect(one).toEqual(other);
    expect(one?.message.html).toBe('<p>text 1 (candid, en)</p>');
    expect(await getRunDrafts(lead, runId)).toEqual([one]);
  });

  it('is waited for, not written, while the claim lasts; a firing that waits in vain throws for a retry', async () => {
    // Prepare: a claim of a firing that is still within its lease at NOW and stores nothing
    await putStepItem({
      drafting: { by: 'another-firing', until: new Date(NOW.getTime() + 30_000).toISOString() },
    });
    const { writer, asked } = countingWriter();

    // Act
    const drafted = draftStep(writer, drafting(REQUEST), { polls: 2, pollMs: 10 });

    // Assess
    await expect(drafted).rejects.toBeInstanceOf(DraftingElsewhereError);
    expect(asked).toHaveLength(0);
    // A claim holds no text: nobody reads one as the step's draft
    expect(await getRunDrafts(lead, runId)).toEqual([]);
  });

  it('is written by the next firing once the claim has lapsed (its holder was cut short)', async () => {
    // Prepare
    await putStepItem({ drafting: { by: 'a-firing-cut-short', until: NOW.toISOString() } });
    const { writer, asked } = countingWriter();

    // Act
    const draft = await draftStep(writer, drafting(REQUEST), { polls: 0, pollMs: 10 });

    // Assess
    expect(asked).toHaveLength(1);
    expect(draft?.message.html).toBe('<p>text 1 (candid, en)</p>');
    expect(await getRunDrafts(lead, runId)).toEqual([draft]);
  });
});

/** The step's draft item with `fields`: a draft as kept before, or a claim before its text is stored. */
async function putStepItem(fields: Record<string, unknown>) {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: {
        ...draftKey(lead.orgId, lead.leadId, runId, REQUEST.stepIndex),
        entity: 'draft',
        ...lead,
        runId,
        stepIndex: REQUEST.stepIndex,
        ...fields,
      },
    }),
  );
}
