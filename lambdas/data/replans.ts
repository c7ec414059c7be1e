/**
 * Re-plan records: a sequence edit that moved steps re-plans the sequence's running leads
 * asynchronously (engine/replan.ts); when its job has gone through every page, this record says how
 * many leads it re-planned. It exists for the table's stream: the domain events' publisher turns its
 * insertion into `sequence.changed` with the count (engine/domain-events.ts), so the count is published
 * exactly when it was committed, by no second write in the re-planner. Access patterns (see
 * docs/data-model.md):
 * - record a finished re-plan   PutItem   pk=ORG#<org>, sk=REPLAN#<sequenceId>#<version, 6 digits>
 *                                         if attribute_not_exists(pk): the first finish of a version wins
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { orgKey } from './items';
import { REPLAN_ENTITY } from './table-schema';

/** Kept as long as the event bus's archive keeps the event it was published as. */
const KEEP_SECONDS = 30 * 24 * 3600;

/** What one finished re-plan job committed. */
export interface ReplanRecord {
  orgId: string;
  sequenceId: string;
  /** The sequence version whose edit queued the job. */
  version: number;
  /** Leads whose pending step moved, or that completed because their next step went away. */
  leads: number;
  finishedAt: string;
}

// `REPLAN#`, not `SEQ#...`: the org's sequences are listed by `begins_with(sk, 'SEQ#')`.
export const replanKey = (orgId: string, sequenceId: string, version: number) => ({
  pk: orgKey(orgId),
  sk: `REPLAN#${sequenceId}#${String(version).padStart(6, '0')}`,
});

/**
 * Records a finished re-plan once per sequence version. A redelivered last page finds every lead already
 * planned and would count none: its record is refused, so the published count stays the first one.
 * Answers whether this call recorded it.
 */
export async function recordReplanFinished(record: ReplanRecord): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...replanKey(record.orgId, record.sequenceId, record.version),
          entity: REPLAN_ENTITY,
          ...record,
          expiresAt: Math.floor(Date.parse(record.finishedAt) / 1000) + KEEP_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) === undefined) throw error;
    return false;
  }
}
