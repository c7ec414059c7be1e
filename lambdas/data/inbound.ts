/**
 * Inbound messages already acted on, so a message delivered twice (SES and Sinch both may) has the
 * effect of one. Access pattern: pk=INBOUND#<source>#<message id>, sk=INBOUND, kept 30 days (TTL).
 * A message is taken with a lease: a worker that died mid-way is taken over after it.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';

const LEASE_MS = 2 * 60 * 1000;
const KEEP_SECONDS = 30 * 24 * 3600;

const inboundKey = (source: string, messageId: string) => ({
  pk: `INBOUND#${source}#${messageId}`,
  sk: 'INBOUND',
});

/** True when this worker may act on the message; false when it was (or is being) handled already. */
async function takeInbound(source: string, messageId: string, now: Date): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...inboundKey(source, messageId),
          entity: 'inbound',
          status: 'processing',
          at: now.toISOString(),
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
async function finishInbound(
  source: string,
  messageId: string,
  decision: Record<string, unknown>,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: inboundKey(source, messageId),
      UpdateExpression: 'SET #status = :done, decision = :decision',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':done': 'done', ':decision': decision },
    }),
  );
}

/** Gives a message back after a failure, so the retry that follows acts on it rather than skipping it. */
async function releaseInbound(source: string, messageId: string): Promise<void> {
  await db.send(
    new DeleteCommand({
      TableName: tableName,
      Key: inboundKey(source, messageId),
      ConditionExpression: '#status = :processing',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':processing': 'processing' },
    }),
  );
}

/**
 * Runs `work` for a message unless it was handled already (undefined then), records its decision, and
 * releases the message when `work` fails so the retry is not mistaken for a duplicate.
 */
export async function actOnce<T extends Record<string, unknown>>(
  source: string,
  messageId: string,
  now: Date,
  work: () => Promise<T>,
): Promise<T | undefined> {
  if (!(await takeInbound(source, messageId, now))) return undefined;
  try {
    const decision = await work();
    await finishInbound(source, messageId, decision);
    return decision;
  } catch (error) {
    await releaseInbound(source, messageId).catch(() => {});
    throw error;
  }
}
