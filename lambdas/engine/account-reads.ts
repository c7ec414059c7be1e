/**
 * Reading accounts: an account's leads (its item collection, then the leads themselves), for the
 * accounts API, the colleagues of a reply (engine/accounts.ts) and the sender's holds
 * (engine/account-holds.ts). Reads only.
 */
import { NotFoundError } from '../core/errors';
import type { Lead } from '../core/leads';
import { type AccountSummary, getAccount, listAccountLeadIds } from '../data/accounts';
import { getLeads } from '../data/leads';

/** Every lead of an account (an account is a company's people: tens, not thousands). */
export async function accountLeads(orgId: string, domain: string): Promise<Lead[]> {
  return getLeads(orgId, await listAccountLeadIds(orgId, domain));
}

/**
 * GET /accounts/{domain}: the account and its leads, oldest first. A domain the org has no lead at
 * (never had, or every one left: another org's domain is not in this org's keys) is a 404.
 */
export async function readAccount(
  orgId: string,
  domain: string,
): Promise<{ account: AccountSummary; leads: Lead[] }> {
  const key = domain.trim().toLowerCase();
  const [account, leads] = await Promise.all([getAccount(orgId, key), accountLeads(orgId, key)]);
  if (!account || leads.length === 0) throw new NotFoundError('Account', key);
  leads.sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
  return { account, leads };
}
