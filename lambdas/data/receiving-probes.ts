/**
 * How often an assistant's address may be mailed a receiving probe. The address is often at a
 * customer's or a third party's domain, so probes are rationed in the table, not in a Lambda's memory:
 * - claim a probe       TransactWrite: Put pk=ORG#<org>#ASSISTANT#<id>, sk=RECEIVING_PROBE if absent or
 *                       its `probedAt` is at least PROBE_INTERVAL_MS old (TTL) + the daily send counter
 *                       (sends.ts) `ADD sent 1` if under the assistant's limit
 * - give a claim back   TransactWrite: Delete that item if still this claim's + counter `ADD sent -1`
 * (docs/data-model.md, patterns 26c and 26d).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName } from './client';
import { assistantSendsPk, countSend, uncountSend } from './sends';
import { type TransactItem, transact } from './transactions';

/** One probe per assistant every 10 minutes: enough to retry a forwarding rule, too few to spam. */
export const PROBE_INTERVAL_MS = 10 * 60 * 1000;
/** The item outlives its interval a little, then TTL removes it; its condition never relies on TTL. */
const PROBE_TTL_SECONDS = 24 * 3600;

const probeKey = (orgId: string, assistantId: string) => ({
  pk: assistantSendsPk(orgId, assistantId),
  sk: 'RECEIVING_PROBE',
});

/** The assistant's day a probe counts against, as the sender counts its e-mails. */
export interface ProbeDay {
  localDate: string;
  limit: number;
}

export type ProbeClaim =
  | { outcome: 'claimed' }
  /** A probe went out less than PROBE_INTERVAL_MS ago (or is being claimed right now). */
  | { outcome: 'too_soon'; nextAllowedAt: Date }
  /** The assistant's day is full: the probe would be one e-mail too many. */
  | { outcome: 'daily_limit' };

export async function claimReceivingProbe(
  assistant: { orgId: string; id: string },
  day: ProbeDay,
  now: Date,
): Promise<ProbeClaim> {
  const probedAt = now.toISOString();
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName(),
        Item: {
          ...probeKey(assistant.orgId, assistant.id),
          entity: 'receiving_probe',
          probedAt,
          expiresAt: Math.floor(now.getTime() / 1000) + PROBE_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk) OR probedAt <= :lastAllowed',
        ExpressionAttributeValues: {
          ':lastAllowed': new Date(now.getTime() - PROBE_INTERVAL_MS).toISOString(),
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    countSend(assistant.orgId, { assistantId: assistant.id, ...day }, now),
  ];
  try {
    await transact(items, () => undefined);
    return { outcome: 'claimed' };
  } catch (error) {
    const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if (!reasons) throw error;
    const [probe, counter] = reasons;
    if (probe?.Code === 'ConditionalCheckFailed' || probe?.Code === 'TransactionConflict') {
      // The stored probe says when the next one is due; a concurrent claim is one just made.
      const last = storedProbedAt(error) ?? now;
      return { outcome: 'too_soon', nextAllowedAt: new Date(last.getTime() + PROBE_INTERVAL_MS) };
    }
    if (counter?.Code === 'ConditionalCheckFailed') return { outcome: 'daily_limit' };
    throw error;
  }
}

/** Gives a claim back when the probe certainly did not go out, so the admin may try again at once. */
export async function releaseReceivingProbe(
  assistant: { orgId: string; id: string },
  day: ProbeDay,
  claimedAt: Date,
): Promise<void> {
  await transact(
    [
      {
        Delete: {
          TableName: tableName(),
          Key: probeKey(assistant.orgId, assistant.id),
          ConditionExpression: 'probedAt = :probedAt',
          ExpressionAttributeValues: { ':probedAt': claimedAt.toISOString() },
        },
      },
      uncountSend(assistant.orgId, { assistantId: assistant.id, localDate: day.localDate }),
    ],
    () => undefined,
  );
}

/** When the stored probe went out, from the cancelled claim (ALL_OLD; raw attribute values). */
function storedProbedAt(error: unknown): Date | undefined {
  const [probe] =
    (error as { CancellationReasons?: { Item?: Record<string, unknown> }[] }).CancellationReasons ?? [];
  if (!probe?.Item) return undefined;
  const { probedAt } = unmarshall(probe.Item as never) as { probedAt?: unknown };
  return typeof probedAt === 'string' ? new Date(probedAt) : undefined;
}
