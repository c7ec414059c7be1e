/**
 * Inbound messages already acted on, so a message delivered twice (SES and Sinch both may) has the
 * effect of one per org. Access pattern: pk=INBOUND#<org>#<source>#<message id>, sk=INBOUND, kept 30
 * days (TTL). Keyed by org because one message may address assistants of several orgs, and each org
 * acts on it on its own; a message id another org chose must not mute ours.
 * A message is taken with a lease: a worker that died mid-way is taken over after it. A message that
 * was ignored is given back, not recorded: delivered again once its lead exists, it is acted on.
 * A record names the raw message it was read from (`rawMailId`, SES's id of the stored object), so an
 * erasure finds a person's mail from the Message-IDs on their timeline: GetItem by key, then DeleteItem.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';

const LEASE_MS = 2 * 60 * 1000;
const KEEP_SECONDS = 30 * 24 * 3600;

/** Names one message of one org; the parts are joined as they are, since org ids hold no `#`. */
export interface InboundRef {
  orgId: string;
  source: string;
  messageId: string;
  /** SES's id of the stored raw message (the inbound bucket's object), for an erasure to delete it. */
  rawMailId?: string;
}

export const inboundKey = ({
  orgId,
  source,
  messageId,
}: Pick<InboundRef, 'orgId' | 'source' | 'messageId'>) => ({
  pk: `INBOUND#${orgId}#${source}#${messageId}`,
  sk: 'INBOUND',
});

/** True when this worker may act on the message; false when it was (or is being) handled already. */
async function takeInbound(ref: InboundRef, now: Date): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...inboundKey(ref),
          entity: 'inbound',
          status: 'processing',
          at: now.toISOString(),
          ...(ref.rawMailId !== undefined && { rawMailId: ref.rawMailId }),
          expiresAt: Math.floor(now.getTime() / 1000) + KEEP_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :processing AND #at < :leaseExpired)',
        ExpressionAttributeNames: { '#status': 'status', '#at': 'at' },
        ExpressionAttributeValues: {
          ':processing': 'processing',
          ':leaseExpired': new Date(now.getTime() - LEASE_MS).toISOString(),
        },
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error) !== undefined) return false;
    throw error;
  }
}

/** Records what was decided, for support and for the next delivery of the same message. */
async function finishInbound(ref: InboundRef, decision: Record<string, unknown>): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName(),
      Key: inboundKey(ref),
      UpdateExpression: 'SET #status = :done, decision = :decision',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done', ':decision': decision },
    }),
  );
}

/** Gives a message back after a failure, so the retry that follows acts on it rather than skipping it. */
async function releaseInbound(ref: InboundRef): Promise<void> {
  await db.send(
    new DeleteCommand({
      TableName: tableName(),
      Key: inboundKey(ref),
      ConditionExpression: '#status = :processing',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':processing': 'processing' },
    }),
  );
}

/** A decision that changed nothing and may change something on a later delivery. */
const ignored = (decision: Record<string, unknown>) =>
  decision.decision === 'ignored' || decision.handled === 'ignored';

/**
 * Runs `work` for a message of an org unless it was handled already (undefined then), and records its
 * decision. The message is released when `work` fails, so the retry is not mistaken for a duplicate,
 * and when it was ignored (e.g. no lead matched yet), so a later delivery is acted on.
 */
export async function actOnce<T extends Record<string, unknown>>(
  ref: InboundRef,
  now: Date,
  work: () => Promise<T>,
): Promise<T | undefined> {
  if (!(await takeInbound(ref, now))) return undefined;
  try {
    const decision = await work();
    if (ignored(decision)) await releaseInbound(ref);
    else await finishInbound(ref, decision);
    return decision;
  } catch (error) {
    await releaseInbound(ref).catch(() => {});
    throw error;
  }
}
