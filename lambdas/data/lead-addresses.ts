/**
 * Which of the org's leads hold given addresses, or addresses at given domains: what adding entries to
 * the suppression list stops. Read from the address reservations (data/leads.ts: one per lead with an
 * e-mail, `{pk, sk, leadId}`, far smaller than the leads themselves).
 * Access patterns:
 * - the leads holding these addresses   BatchGetItem  pk=ORG#<org>, sk=EMAIL#<address>
 * - the leads at these domains          Query  pk=ORG#<org>, begins_with(sk, EMAIL#), every page up to
 *                                       MAX_RESERVATIONS_READ, matched by domain here
 * Not the accounts' item collections (data/accounts.ts): they group leads by `accountDomain`, which a
 * lead may override and which free and disposable mail domains never get, while a suppressed domain is
 * about the address itself; the reservations name every address, one small item each.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { domainOf } from '../core/suppressions';
import { db, tableName } from './client';
import { orgKey } from './items';
import { EMAIL_PREFIX, emailKey } from './leads';
import { batchGet } from './reads';

/**
 * How many reservations a domain lookup reads at most: about 10 MB, a few seconds, inside an API
 * request. An org with more leads than this is read this far; the send-time check (data/sends.ts) still
 * keeps every lead it did not reach from being mailed.
 */
export const MAX_RESERVATIONS_READ = 100_000;

/** The ids of the leads holding these addresses (lower-cased), in no particular order. */
export async function findLeadIdsByAddresses(orgId: string, addresses: readonly string[]): Promise<string[]> {
  const items = await batchGet(addresses.map((address) => emailKey(orgId, address)));
  return items.flatMap((item) => (typeof item.leadId === 'string' ? [item.leadId] : []));
}

/**
 * The ids of the leads whose address is at one of `domains` (lower-cased, exact: a subdomain is a
 * domain of its own), and whether every reservation of the org was read (false past the bound).
 */
export async function findLeadIdsAtDomains(
  orgId: string,
  domains: ReadonlySet<string>,
  limit = MAX_RESERVATIONS_READ,
): Promise<{ leadIds: string[]; complete: boolean }> {
  const leadIds: string[] = [];
  if (domains.size === 0) return { leadIds, complete: true };
  let read = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': orgKey(orgId), ':prefix': EMAIL_PREFIX },
        ProjectionExpression: 'sk, leadId',
        Limit: limit - read,
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const address = String(item.sk).slice(EMAIL_PREFIX.length);
      if (domains.has(domainOf(address)) && typeof item.leadId === 'string') leadIds.push(item.leadId);
    }
    read += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start && read < limit);
  return { leadIds, complete: start === undefined };
}
