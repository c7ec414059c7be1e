/**
 * The org's suppression list through the API (issue #25): admins add addresses and domains (a JSON
 * list or a CSV) and take entries off, any member reads it. Adding an entry stops the running leads it
 * matches (stop reason `suppressed`, with a `suppressed` entry on their timelines); entries are written
 * first, so a lead this request does not reach is still never mailed: enrolment refuses the address
 * (409 address_suppressed) and every send's claim checks the address and its domain (data/sends.ts).
 * Taking an entry off restarts nothing: a stopped lead stays stopped until someone continues it.
 */
import { mapWithConcurrency } from '../core/concurrency';
import { isRunning } from '../core/enrollment-status';
import { assertAdmin, type Caller } from '../core/permissions';
import {
  domainOf,
  MANUAL_REASON,
  type Suppression,
  type SuppressionEntry,
  suppressionQuery,
} from '../core/suppressions';
import { findLeadIdsAtDomains, findLeadIdsByAddresses } from '../data/lead-addresses';
import { getLead } from '../data/leads';
import { addSuppressions, listSuppressions, removeSuppression } from '../data/suppressions';
import { logger } from '../runtime/observability';
import { stopFollowUp } from './listening';

/** Leads stopped at once: each stop deletes a schedule, within the scheduler's quota. */
const STOP_CONCURRENCY = 8;

export interface AddedSuppressions {
  /** Entries new to the list. */
  added: number;
  /** Entries already on it, kept as they were (a bounce stays a bounce). */
  alreadyListed: number;
  /** Running leads (active or snoozed) the entries matched, now stopped. */
  stoppedLeads: number;
}

export async function addSuppressionEntries(
  caller: Caller,
  entries: readonly SuppressionEntry[],
  reason: string | undefined,
  now: Date,
): Promise<AddedSuppressions> {
  assertAdmin(caller, 'add to the suppression list');
  const added = await addSuppressions(
    caller.orgId,
    entries,
    { reason: reason ?? MANUAL_REASON, addedBy: caller.userId },
    now,
  );
  // Every entry of the request, not only the new ones: a request cut short after its writes stops the
  // rest when it is sent again.
  const stoppedLeads = await stopMatchingLeads(caller, entries, now);
  return { added: added.length, alreadyListed: entries.length - added.length, stoppedLeads };
}

/** Stops the org's running leads whose address, or its domain, is one of `entries`. */
async function stopMatchingLeads(
  caller: Caller,
  entries: readonly SuppressionEntry[],
  now: Date,
): Promise<number> {
  const listed = new Map(entries.map((entry) => [entry.value, entry]));
  const addresses = new Set(entries.filter((entry) => entry.kind === 'address').map((entry) => entry.value));
  const domains = new Set(entries.filter((entry) => entry.kind === 'domain').map((entry) => entry.value));
  const [byAddress, atDomains] = await Promise.all([
    findLeadIdsByAddresses(caller.orgId, [...addresses]),
    findLeadIdsAtDomains(caller.orgId, domains),
  ]);
  if (!atDomains.complete) {
    logger.warn('The domain lookup stopped at its bound; the send-time check covers the leads past it', {
      domains: domains.size,
    });
  }
  const ids = [...new Set([...byAddress, ...atDomains.leadIds])];
  const stopped = await mapWithConcurrency(ids, STOP_CONCURRENCY, async (id) => {
    const lead = await getLead(caller.orgId, id);
    const email = lead?.email;
    if (!lead || !email || !isRunning(lead.enrollment.status)) return false;
    // The lead as read now: its address may have changed since the reservations were read.
    const entry = listed.get(email) ?? listed.get(domainOf(email));
    if (!entry) return false;
    return stopFollowUp(
      lead,
      'suppressed',
      {
        kind: 'suppressed',
        at: now.toISOString(),
        detail: { value: entry.value, kind: entry.kind, by: caller.userId },
      },
      now,
    );
  });
  return stopped.filter(Boolean).length;
}

export async function readSuppressions(
  caller: Caller,
  query: { q?: string; cursor?: string; limit: number },
): Promise<{ items: Suppression[]; cursor?: string }> {
  return listSuppressions(caller, suppressionQuery(query.q), query.cursor, query.limit);
}

/** Takes an entry off the list (404 when it is not on it); the leads it stopped stay stopped. */
export async function deleteSuppression(caller: Caller, value: string): Promise<Suppression> {
  assertAdmin(caller, 'take entries off the suppression list');
  return removeSuppression(caller.orgId, value.trim().toLowerCase());
}
