/**
 * Approvals: a reviewed step's draft and what a person decided (core/approvals.ts). Access patterns
 * (see docs/data-model.md, patterns 53-56):
 * - draft a step                    Put   pk=LEADLOG#<org>#<lead>, sk=APPROVAL#<run>#<step, 3 digits>,
 *                                         in the plan's transaction, if absent (or, drafted again, still
 *                                         pending at the version read)
 * - an approval, a step's approval  GetItem (consistent) by the same key (the id encodes lead, run, step)
 * - decide / expire                 Update if status = pending and version = the one read (a decision in
 *                                   the plan's transaction, an expiry with its timeline entry)
 * - remove a draft that lapsed      Delete if status = pending
 * - a run's approvals              Query pk=LEADLOG#<org>#<lead>, begins_with(sk, APPROVAL#<run>#)
 * - the org's approvals by status   Query gsi1: gsi1pk=ORG#<org>#APPROVALS#<status>, gsi1sk=<dueAt>#<id>,
 *                                   soonest due first; a member's FilterExpression sequenceOwnerId = me
 * They live in the lead's log partition, so a lead's erasure (engine/privacy.ts) takes them with it.
 */
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Approval, type ApprovalStatus, approvalsVisibleTo, stepOfApprovalId } from '../core/approvals';
import { InvalidCursorError } from '../core/errors';
import type { Caller } from '../core/permissions';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { decodeKeyCursor, encodeKeyCursor } from './cursors';
import { type Item, leadLogKey, orgKey, recordOf, replaceFieldsExpression } from './items';
import { queryAll } from './reads';
import { APPROVAL_ENTITY, TABLE_KEYS } from './table-schema';
import { type TransactItem, transact } from './transactions';

const approvalKey = (orgId: string, leadId: string, runId: string, stepIndex: number) => ({
  pk: leadLogKey(orgId, leadId),
  sk: `APPROVAL#${runId}#${String(stepIndex).padStart(3, '0')}`,
});

/** The org's approvals of one status, soonest due first. */
const statusPartition = (orgId: string, status: ApprovalStatus) => `${orgKey(orgId)}#APPROVALS#${status}`;
const listingKeys = (approval: Pick<Approval, 'orgId' | 'status' | 'dueAt' | 'id'>) => ({
  gsi1pk: statusPartition(approval.orgId, approval.status),
  gsi1sk: `${approval.dueAt}#${approval.id}`,
});

function keyOfId(orgId: string, id: string) {
  const step = stepOfApprovalId(id);
  return step && approvalKey(orgId, step.leadId, step.runId, step.stepIndex);
}

function itemOf(approval: Approval): Item {
  return {
    ...approvalKey(approval.orgId, approval.leadId, approval.runId, approval.stepIndex),
    ...listingKeys(approval),
    entity: APPROVAL_ENTITY,
    ...approval,
  };
}

/** An item stored before approvals were versioned is version 1. */
const approvalOf = (item: Item) => recordOf<Approval>({ version: 1, ...item });

/**
 * The condition that the stored approval is still at `version` (the one read), pending: what a decision,
 * an expiry and a redraft are written over. An item stored without a version is version 1.
 */
function atPendingVersion(version: number) {
  return {
    ConditionExpression:
      version === 1
        ? 'attribute_exists(pk) AND #pendingStatus = :pending AND (attribute_not_exists(#readVersion) OR #readVersion = :readVersion)'
        : 'attribute_exists(pk) AND #pendingStatus = :pending AND #readVersion = :readVersion',
    ExpressionAttributeNames: { '#pendingStatus': 'status', '#readVersion': 'version' },
    ExpressionAttributeValues: { ':pending': 'pending', ':readVersion': version },
  };
}

/**
 * The approvals of one lead's run, oldest step first: what a model writing a later step is told a
 * person approved (engine/drafting.ts). One Query; a run has a few steps.
 */
export async function runApprovals(orgId: string, leadId: string, runId: string): Promise<Approval[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': leadLogKey(orgId, leadId), ':prefix': `APPROVAL#${runId}#` },
    ConsistentRead: true,
  });
  return items.map(approvalOf);
}

/**
 * Stores a draft with the plan that marks the lead as awaiting it: written if the step has none, or over
 * the pending draft it `replaces` (one that no longer applied, drafted again), only while that is still
 * pending at the version read. A decided one stays.
 */
export function draftApprovalPut(approval: Approval, replaces?: Pick<Approval, 'version'>): TransactItem {
  return {
    Put: {
      TableName: tableName(),
      Item: itemOf(approval),
      ...(replaces
        ? atPendingVersion(replaces.version)
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/** The approval `id` names in the caller's org; undefined when there is none (or the id is not one). */
export async function getApproval(orgId: string, id: string): Promise<Approval | undefined> {
  const Key = keyOfId(orgId, id);
  if (!Key) return undefined;
  const { Item } = await db.send(new GetCommand({ TableName: tableName(), Key, ConsistentRead: true }));
  return Item && approvalOf(Item);
}

/** The approval of one step of a lead's run, if the step was drafted. */
export async function getStepApproval(
  orgId: string,
  leadId: string,
  runId: string,
  stepIndex: number,
): Promise<Approval | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName(),
      Key: approvalKey(orgId, leadId, runId, stepIndex),
      ConsistentRead: true,
    }),
  );
  return Item && approvalOf(Item);
}

/**
 * The decided approval, written only while it is still pending at the version it was decided on
 * (`read`): with the plan that follows from the decision, in one transaction. A decision that lost a
 * race to another, or to a redraft of the step, decides nothing.
 */
export function approvalDecisionUpdate(decided: Approval, read: Pick<Approval, 'version'>): TransactItem {
  const { id: _id, orgId, leadId, runId, stepIndex, ...fields } = decided;
  const update = replaceFieldsExpression({ ...fields, ...listingKeys(decided) });
  const condition = atPendingVersion(read.version);
  return {
    Update: {
      TableName: tableName(),
      Key: approvalKey(orgId, leadId, runId, stepIndex),
      ...update,
      ConditionExpression: condition.ConditionExpression,
      ExpressionAttributeNames: { ...update.ExpressionAttributeNames, ...condition.ExpressionAttributeNames },
      ExpressionAttributeValues: {
        ...update.ExpressionAttributeValues,
        ...condition.ExpressionAttributeValues,
      },
    },
  };
}

/**
 * Stores an expiry (nobody decided in time) with its timeline entry, in one transaction. False when the
 * approval was decided (or drafted again) meanwhile.
 */
export async function expireApproval(
  expired: Approval,
  read: Pick<Approval, 'version'>,
  entry: TransactItem,
): Promise<boolean> {
  const changed = new Error('The approval changed before it expired');
  try {
    await transact([approvalDecisionUpdate(expired, read), entry], (failures) =>
      failures.some((failure) => failure.index === 0) ? changed : undefined,
    );
    return true;
  } catch (error) {
    if (error === changed) return false;
    throw error;
  }
}

/**
 * Removes a draft nobody decided that no longer applies (the lead replied, stopped, moved on, or its
 * sequence changed): a decided approval stays, as the record of that decision.
 */
export async function deletePendingApproval(orgId: string, id: string): Promise<void> {
  const Key = keyOfId(orgId, id);
  if (!Key) return;
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName(),
        Key,
        ConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
  }
}

/**
 * A page of the org's approvals of one status, soonest due first. Admins see all of them; a member the
 * approvals of the sequences they own (a FilterExpression: a page can be short, and still carry a
 * cursor). The cursor holds the last key with the listing it belongs to, checked before it is used.
 */
export async function listApprovals(
  caller: Caller,
  status: ApprovalStatus,
  cursor: string | undefined,
  limit: number,
): Promise<{ items: Approval[]; cursor?: string }> {
  const gsi1pk = statusPartition(caller.orgId, status);
  const listing = JSON.stringify(['approvals', caller.orgId, caller.userId, caller.role, status]);
  const visible = approvalsVisibleTo(caller);
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: TABLE_KEYS.gsi1.name,
      KeyConditionExpression: 'gsi1pk = :pk',
      ...('ownerId' in visible
        ? {
            FilterExpression: 'sequenceOwnerId = :owner',
            ExpressionAttributeValues: { ':pk': gsi1pk, ':owner': visible.ownerId },
          }
        : { ExpressionAttributeValues: { ':pk': gsi1pk } }),
      Limit: limit,
      ...(cursor !== undefined && { ExclusiveStartKey: startKeyOf(cursor, listing, caller.orgId, gsi1pk) }),
    }),
  );
  return {
    items: Items.map(approvalOf),
    ...(LastEvaluatedKey && { cursor: encodeKeyCursor(LastEvaluatedKey, listing) }),
  };
}

/** The key a cursor of this listing holds, shaped as gsi1 answers for the org's approvals. */
function startKeyOf(cursor: string, listing: string, orgId: string, gsi1pk: string): Record<string, string> {
  const decoded = decodeKeyCursor(cursor);
  if (!decoded || decoded.of !== listing) throw new InvalidCursorError();
  const { pk, sk, gsi1pk: partition, gsi1sk, ...rest } = decoded.key;
  const shaped =
    Object.keys(rest).length === 0 &&
    typeof pk === 'string' &&
    pk.startsWith(`${leadLogKey(orgId, '')}`) &&
    typeof sk === 'string' &&
    sk.startsWith('APPROVAL#') &&
    partition === gsi1pk &&
    typeof gsi1sk === 'string';
  if (!shaped) throw new InvalidCursorError();
  return { pk, sk, gsi1pk, gsi1sk };
}
