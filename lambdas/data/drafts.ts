/**
 * The text a model-backed writer wrote for a step of a lead's run, kept so the step is never written
 * twice: a retry, a re-delivery and a preview read it back (issue #26). Beside the step's send record,
 * in the lead's log partition (so an erasure deletes it and an export shows it), and written before the
 * step is claimed: a claim refused for the daily limit keeps the text for the firing that sends it.
 * A draft written for what the step no longer asks (another tone, language, formality: core/rendering/
 * draft-brief.ts) is replaced, on the condition that the one read is still stored.
 * Access patterns (docs/data-model.md):
 * - keep a step's draft (first writer wins)   PutItem  pk=LEADLOG#<org>#<lead>, sk=DRAFT#<run>#<step, 3 digits>
 *   or replace a stale one (first replacement wins: on the draftId read)
 * - a run's drafts, oldest step first          Query    pk=LEADLOG#<org>#<lead>, begins_with(sk, DRAFT#<run>#)
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { StepDraft } from '../core/rendering/model-drafts';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { leadLogKey, recordOf } from './items';
import { queryAll } from './reads';

/** Not one of the stream consumers' entities (table-schema.ts): no consumer is sent a draft. */
const DRAFT_ENTITY = 'draft';

const runPrefix = (runId: string) => `DRAFT#${runId}#`;
export const draftKey = (orgId: string, leadId: string, runId: string, stepIndex: number) => ({
  pk: leadLogKey(orgId, leadId),
  sk: `${runPrefix(runId)}${String(stepIndex).padStart(3, '0')}`,
});

export interface LeadRef {
  orgId: string;
  leadId: string;
}

/** The drafts kept for the lead's run, by step, oldest first. One Query; a run has a few steps. */
export async function getRunDrafts(lead: LeadRef, runId: string): Promise<StepDraft[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': leadLogKey(lead.orgId, lead.leadId), ':prefix': runPrefix(runId) },
    ConsistentRead: true,
  });
  return items.map((item) => recordOf<StepDraft>(item, ['orgId', 'leadId']));
}

/**
 * Keeps `draft` unless the step has one already (or, `replacing` a stale one, unless that one is gone or
 * was replaced first), and answers the one kept: two firings that wrote at once send the same text, the
 * first one's. Undefined when the draft `replacing` names is gone and nothing is stored.
 */
export async function keepDraft(
  lead: LeadRef,
  draft: StepDraft,
  replacing?: StepDraft,
): Promise<StepDraft | undefined> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...draftKey(lead.orgId, lead.leadId, draft.runId, draft.stepIndex),
          entity: DRAFT_ENTITY,
          orgId: lead.orgId,
          leadId: lead.leadId,
          ...draft,
        },
        ...stillStored(replacing),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return draft;
  } catch (error) {
    const stored = conditionFailed(error);
    if (stored === undefined) throw error;
    return stored === null ? undefined : recordOf<StepDraft>(stored, ['orgId', 'leadId']);
  }
}

/** The condition that nothing, or the very draft read, is stored (one kept before draftIds: any such). */
function stillStored(replacing: StepDraft | undefined) {
  if (!replacing) return { ConditionExpression: 'attribute_not_exists(pk)' };
  if (replacing.draftId === undefined)
    return { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(draftId)' };
  return {
    ConditionExpression: 'draftId = :replaced',
    ExpressionAttributeValues: { ':replaced': replacing.draftId },
  };
}
