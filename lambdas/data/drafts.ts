/**
 * The text a model-backed writer wrote for a step of a lead's run, kept so the step is never written
 * twice: a retry, a re-delivery and a preview read it back (issue #26). Beside the step's send record,
 * in the lead's log partition (so an erasure deletes it and an export shows it), and written before the
 * step is claimed: a claim refused for the daily limit keeps the text for the firing that sends it.
 *
 * One item a step. A firing that finds no draft written for what the step asks now (its brief: core/
 * rendering/draft-brief.ts) first claims the drafting on the item (`drafting {by, until}`), then asks the
 * model, then stores the text in place of any stale one, on the condition that it still holds the
 * claim: two firings at once ask the model once, and both send the text stored.
 * Access patterns (docs/data-model.md):
 * - a run's drafts, oldest step first   Query      pk=LEADLOG#<org>#<lead>, begins_with(sk, DRAFT#<run>#)
 * - claim a step's drafting             UpdateItem pk=LEADLOG#<org>#<lead>, sk=DRAFT#<run>#<step, 3 digits>
 *                                       if no draft of the brief and no live claim (ALL_OLD on refusal)
 * - keep the claimed step's draft       UpdateItem the same item if the claim is the caller's (ALL_OLD)
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BRIEF_FIELDS, type DraftBrief } from '../core/rendering/draft-brief';
import type { StepDraft } from '../core/rendering/model-drafts';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { type Item, leadLogKey, recordOf } from './items';
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

/** A firing's claim on writing a step's draft, until it stores one or `until` passes. */
export interface DraftingClaim {
  by: string;
  /** ISO 8601: past it, the claim holder is taken to be gone (a Lambda cut short). */
  until: string;
}

/** A step's draft item as stored: its draft when one is kept, and a firing's claim while one is written. */
export interface StepDraftItem {
  draft?: StepDraft;
  drafting?: DraftingClaim;
}

/** The drafts kept for the lead's run, by step, oldest first. One Query; a run has a few steps. */
export async function getRunDrafts(lead: LeadRef, runId: string): Promise<StepDraft[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': leadLogKey(lead.orgId, lead.leadId), ':prefix': runPrefix(runId) },
    ConsistentRead: true,
  });
  return items.flatMap((item) => stepDraftItem(item).draft ?? []);
}

export interface StepRef {
  runId: string;
  stepIndex: number;
}

/**
 * Claims the writing of a step's draft for `brief`: refused while the step has a draft of that brief,
 * or another firing's claim has not passed at `now`; then answers the item as stored.
 */
export async function claimDrafting(
  lead: LeadRef,
  step: StepRef,
  brief: DraftBrief,
  claim: DraftingClaim,
  now: Date,
): Promise<'claimed' | StepDraftItem> {
  const fits = briefCondition(brief);
  return answerOf(
    () =>
      db.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: draftKey(lead.orgId, lead.leadId, step.runId, step.stepIndex),
          UpdateExpression:
            'SET #drafting = :claim, entity = :entity, orgId = :orgId, leadId = :leadId, runId = :runId, stepIndex = :stepIndex',
          ConditionExpression: `NOT (attribute_exists(#message) AND ${fits.expression}) AND (attribute_not_exists(#drafting) OR #drafting.#until <= :now)`,
          ExpressionAttributeNames: {
            ...fits.names,
            '#message': 'message',
            '#drafting': 'drafting',
            '#until': 'until',
          },
          ExpressionAttributeValues: {
            ...fits.values,
            ':claim': claim,
            ':entity': DRAFT_ENTITY,
            ':orgId': lead.orgId,
            ':leadId': lead.leadId,
            ':runId': step.runId,
            ':stepIndex': step.stepIndex,
            ':now': now.toISOString(),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    'claimed',
  );
}

/**
 * Stores `draft` in place of whatever the step had, and ends the claim, if the claim is still `by`'s;
 * else answers the item as stored (another firing's draft, or its claim).
 */
export async function keepClaimedDraft(
  lead: LeadRef,
  draft: StepDraft,
  by: string,
): Promise<'kept' | StepDraftItem> {
  const { message, writer, writtenFor, at } = draft;
  return answerOf(
    () =>
      db.send(
        new UpdateCommand({
          TableName: tableName(),
          Key: draftKey(lead.orgId, lead.leadId, draft.runId, draft.stepIndex),
          UpdateExpression:
            'SET #message = :message, #writer = :writer, #writtenFor = :writtenFor, #at = :at REMOVE #drafting',
          ConditionExpression: '#drafting.#by = :by',
          ExpressionAttributeNames: {
            '#message': 'message',
            '#writer': 'writer',
            '#writtenFor': 'writtenFor',
            '#at': 'at',
            '#drafting': 'drafting',
            '#by': 'by',
          },
          ExpressionAttributeValues: {
            ':message': message,
            ':writer': writer,
            ':writtenFor': writtenFor,
            ':at': at,
            ':by': by,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    'kept',
  );
}

/** `done` when the conditional write went through, else the item it found (nothing: an empty one). */
async function answerOf<Done extends string>(
  write: () => Promise<unknown>,
  done: Done,
): Promise<Done | StepDraftItem> {
  try {
    await write();
    return done;
  } catch (error) {
    const stored = conditionFailed(error);
    if (stored === undefined) throw error;
    return stored === null ? {} : stepDraftItem(stored);
  }
}

/** `writtenFor` holds each field of `brief`: the stored draft is one of that brief. */
function briefCondition(brief: DraftBrief) {
  const names: Record<string, string> = { '#writtenFor': 'writtenFor' };
  const values: Record<string, unknown> = {};
  const terms = BRIEF_FIELDS.map((field) => {
    names[`#${field}`] = field;
    values[`:${field}`] = brief[field];
    return `#writtenFor.#${field} = :${field}`;
  });
  return { expression: `(${terms.join(' AND ')})`, names, values };
}

function stepDraftItem(item: Item): StepDraftItem {
  const { drafting, ...rest } = recordOf<StepDraft & { drafting?: DraftingClaim }>(item, ['orgId', 'leadId']);
  // A claim's item holds no text until its holder stores one.
  return { ...(rest.message !== undefined && { draft: rest }), ...(drafting && { drafting }) };
}
