/**
 * Where a lead shows up in lists, as key attributes (pure: no client). The lead writes
 * (data/leads.ts), the listing (data/lead-listing.ts) and the local stack's backfill
 * (local/dynamodb-local.ts) build them here, so nothing else spells these keys.
 * - gsi1  `ORG#<org>#SEQ#<sequence>` / `<status>#<createdAt>#<leadId>`: a sequence's leads by status,
 *         each status's by creation
 * - gsi3  `ORG#<org>#LEADS` / `<createdAt>#<leadId>`: every lead of the org by creation
 * - gsi4  `ORG#<org>#LEADS` / gsi2sk `<nextSendAt>#<leadId>`: leads with a pending step, by when
 * - gsi5  `ORG#<org>#LEADS` / `<lastReplyAt>#<leadId>`: leads that replied, by their last reply
 * - search items  pk `ORG#<org>`, sk `SEARCH#<search key>#<field>#<leadId>`: one per searchable field
 */
import type { Enrollment } from '../core/enrollment';
import { MAX_SEARCH_KEY_LENGTH } from '../core/lead-lists';
import type { Lead } from '../core/leads';
import { searchKey } from '../core/text';
import { orgKey } from './items';

export const leadKey = (orgId: string, id: string) => ({ pk: orgKey(orgId), sk: `LEAD#${id}` });

export const leadListPartition = (orgId: string) => `${orgKey(orgId)}#LEADS`;
export const sequencePartition = (orgId: string, sequenceId: string) => `${orgKey(orgId)}#SEQ#${sequenceId}`;

/** gsi1: the lead under its sequence, by status, then by creation (re-planning pages a status). */
export const sequenceIndexKeys = (
  lead: Pick<Lead, 'orgId' | 'id' | 'createdAt'>,
  enrollment: Pick<Enrollment, 'sequenceId' | 'status'>,
) => ({
  gsi1pk: sequencePartition(lead.orgId, enrollment.sequenceId),
  gsi1sk: `${enrollment.status}#${lead.createdAt}#${lead.id}`,
});

/**
 * gsi3 (and gsi4/gsi5's partition): written on every lead write, so a lead stored before the listing
 * indexes existed joins them on its next change (and the local stack backfills kept tables at start).
 */
export const listIndexKeys = (lead: Pick<Lead, 'orgId' | 'id' | 'createdAt'>) => ({
  gsi3pk: leadListPartition(lead.orgId),
  gsi3sk: `${lead.createdAt}#${lead.id}`,
});

/** gsi5: present once the lead replied. */
export const replyIndexKey = (leadId: string, lastReplyAt: string) => ({
  gsi5sk: `${lastReplyAt}#${leadId}`,
});

/** The fields `q` matches by prefix: the full name, the last name alone, the e-mail and the company. */
export const SEARCH_FIELDS = ['name', 'lastName', 'email', 'company'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export const SEARCH_PREFIX = 'SEARCH#';

/** The search keys of a lead's details, one per field that has text. */
export function searchKeysOf(
  lead: Pick<Lead, 'firstName' | 'lastName' | 'email' | 'company'>,
): Map<SearchField, string> {
  const texts: Record<SearchField, string | undefined> = {
    name: [lead.firstName, lead.lastName].filter(Boolean).join(' '),
    lastName: lead.lastName,
    email: lead.email,
    company: lead.company,
  };
  const keys = new Map<SearchField, string>();
  for (const field of SEARCH_FIELDS) {
    const key = searchKey(texts[field] ?? '').slice(0, MAX_SEARCH_KEY_LENGTH);
    if (key) keys.set(field, key);
  }
  return keys;
}

export const searchItemKey = (orgId: string, leadId: string, field: SearchField, key: string) => ({
  pk: orgKey(orgId),
  sk: `${SEARCH_PREFIX}${key}#${field}#${leadId}`,
});

/** The search items a lead's details call for, keyed by their sort key (to tell what changed). */
export function searchItemsOf(
  lead: Pick<Lead, 'orgId' | 'id' | 'firstName' | 'lastName' | 'email' | 'company'>,
): Map<string, Record<string, unknown>> {
  const items = new Map<string, Record<string, unknown>>();
  for (const [field, key] of searchKeysOf(lead)) {
    const item = {
      ...searchItemKey(lead.orgId, lead.id, field, key),
      entity: 'lead-search',
      leadId: lead.id,
      field,
    };
    items.set(item.sk, item);
  }
  return items;
}
