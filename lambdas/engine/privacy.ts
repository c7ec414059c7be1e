/**
 * A person's erasure and export (POST /privacy/erase, /privacy/export), across the table and the two
 * buckets. The person's leads are the anchor: every other record is found from them (their log, the
 * inbound records their timeline names, the webhook deliveries about them, the leads they referred),
 * except the suppression entries and the imports' rows, found by each address and number itself. So an
 * erasure deletes the anchors last, and forgets every identifier of a lead (hashed, its plain suppression
 * entry and import rows gone) before the lead: one cut short (a timeout, a throttle) is finished by the
 * next call, which finds the same leads again, or finds none and has nothing of theirs left to learn. A
 * second call that finds nothing answers zeros.
 *
 * What is not erased, and why (README, "Privacy: erasure and export"): the stats counters (numbers per
 * day and step, no person in them); mail that reached an assistant but was never tied to one of the
 * person's leads (ignored mail), which the bucket expires after 30 days; events already published to
 * EventBridge or delivered to a webhook endpoint, which are the subscriber's copy; SES's account-level
 * suppression list (SES_ACCOUNT_SUPPRESSION_NOTE says why).
 */
import type { ImportRows } from '../adapters/import-row-store';
import type { RawMailStore } from '../adapters/raw-mail-store';
import { cancelStep } from '../adapters/step-scheduler';
import type { Lead } from '../core/leads';
import { assertAdmin, type Caller } from '../core/permissions';
import {
  type ErasureCounts,
  erasedPersonHash,
  mentions,
  NO_ERASURE,
  type Person,
  peopleOf,
} from '../core/privacy';
import { deleteEmptyAccount, forgetAccountReply } from '../data/accounts';
import { erasureSaltOf, rememberErased } from '../data/erased-people';
import { importsOf, rowIssuesNaming } from '../data/import-records';
import { type InboundRef, inboundKey } from '../data/inbound';
import type { Item } from '../data/items';
import {
  clearReferrer,
  deleteLead,
  findLeadByEmail,
  findLeadsByPhone,
  forgetReplyReferral,
  getLead,
  leadKey,
} from '../data/leads';
import { batchGet } from '../data/reads';
import { leadLogItems, removeEventDetail } from '../data/sends';
import { suppressionEntry, suppressionKey } from '../data/suppressions';
import { deliveriesAbout, listWebhooks } from '../data/webhooks';
import { deleteItems } from '../data/writes';
import { hasPendingSchedule } from './plans';

/** What erasing and exporting reach besides the table (the entry file builds them). */
export interface PrivacyStores {
  rawMail: Pick<RawMailStore, 'find' | 'remove'>;
  importRows: Pick<ImportRows, 'readAll' | 'store'>;
}

/** Import rows wait in the bucket for 7 days (lib/lead-imports.ts); a day more for the clock's sake. */
const IMPORT_ROWS_KEPT_MS = 8 * 24 * 3600 * 1000;

/** A person's leads in the org: the one holding the address, or every lead with the number. */
async function leadsOf(orgId: string, person: Person): Promise<Lead[]> {
  if (person.kind === 'phone') return findLeadsByPhone(orgId, person.value);
  const lead = await findLeadByEmail(orgId, person.value);
  return lead ? [lead] : [];
}

/**
 * Where the messages about the person were recorded as handled: by the Message-IDs on their timeline
 * (their replies), and the thread's root, which for a lead made by Email CC is the user's e-mail that
 * named them (for any other lead it is our own sent message: no inbound record, nothing found).
 */
function inboundRefsOf(
  orgId: string,
  lead: Lead,
  log: readonly Item[],
): Pick<InboundRef, 'orgId' | 'source' | 'messageId'>[] {
  const refs = new Map<string, Pick<InboundRef, 'orgId' | 'source' | 'messageId'>>();
  const root = lead.enrollment.thread?.rootMessageId;
  if (root) refs.set(`email#${root}`, { orgId, source: 'email', messageId: root });
  for (const item of log) {
    const detail = item.detail as { messageId?: unknown; channel?: unknown } | undefined;
    if (typeof detail?.messageId !== 'string') continue;
    const source = detail.channel === 'whatsapp' ? 'sinch' : 'email';
    refs.set(`${source}#${detail.messageId}`, { orgId, source, messageId: detail.messageId });
  }
  return [...refs.values()];
}

/** The leads this person's replies referred, enrolled with their name as referrer. */
function referredLeadsOf(log: readonly Item[]): string[] {
  return log.flatMap((item) => {
    const detail = item.detail as { leadId?: unknown } | undefined;
    return item.kind === 'referral_enrolled' && typeof detail?.leadId === 'string' ? [detail.leadId] : [];
  });
}

const keyOf = (item: Item) => ({ pk: item.pk, sk: item.sk });

const namesAddress = (value: unknown, addresses: ReadonlySet<string>) =>
  typeof value === 'string' && addresses.has(value.trim().toLowerCase());

/**
 * Takes the person off the lead whose reply referred them (`referredBy`): the referral its last reply
 * and its timeline events keep (`detail.referral` {name, email}; a skipped referral's `detail.email`, as
 * when the same reply was acted on twice). The referrer's lead and the rest of its events stay. Answers
 * how many records it changed.
 */
async function forgetAsReferred(orgId: string, lead: Lead): Promise<number> {
  if (!lead.referredBy) return 0;
  const addresses = new Set(peopleOf(lead).flatMap((one) => (one.kind === 'email' ? [one.value] : [])));
  if (addresses.size === 0) return 0;
  let changed = 0;
  const referrer = await getLead(orgId, lead.referredBy);
  const replied = referrer?.lastReply?.referral?.email;
  if (replied !== undefined && namesAddress(replied, addresses)) {
    if (await forgetReplyReferral(orgId, lead.referredBy, replied)) changed += 1;
  }
  for (const item of await leadLogItems(orgId, lead.referredBy)) {
    const detail = item.detail as { referral?: { email?: unknown }; email?: unknown } | undefined;
    const fields = [
      ...(namesAddress(detail?.referral?.email, addresses) ? (['referral'] as const) : []),
      ...(namesAddress(detail?.email, addresses) ? (['email'] as const) : []),
    ];
    if (fields.length === 0) continue;
    await removeEventDetail(keyOf(item), fields);
    changed += 1;
  }
  return changed;
}

/**
 * Erases the person from the org: their leads (with the e-mail reservation, phone index and search
 * items), everything on those leads' logs, the raw mail they sent and its inbound records, their
 * pending schedules, webhook deliveries about them, their rows in recent imports and the issues that
 * quote them, their name on leads they referred and on the lead that referred them, their account's
 * last reply when it was theirs and its summary when they were its last lead, and the plain
 * suppression entry, which a salted hash
 * replaces first (so nothing can enrol them again while this runs).
 */
export async function erasePerson(
  caller: Caller,
  person: Person,
  stores: PrivacyStores,
  now: Date,
): Promise<{ counts: ErasureCounts; personHash: string }> {
  assertAdmin(caller, 'erase a person’s data');
  const { orgId } = caller;
  const salt = await erasureSaltOf(orgId, now);
  await rememberErased(orgId, salt, person, now);
  const counts: ErasureCounts = { ...NO_ERASURE };

  const leads = await leadsOf(orgId, person);
  const webhooks = leads.length > 0 ? await listWebhooks(orgId) : [];
  const forgotten = new Set<string>();
  /** Hashes the identifier, then deletes its plain suppression entry and the import rows naming it. */
  const forget = async (one: Person) => {
    const key = `${one.kind}:${one.value}`;
    if (forgotten.has(key)) return;
    forgotten.add(key);
    if (key !== `${person.kind}:${person.value}`) await rememberErased(orgId, salt, one, now);
    if (one.kind === 'email' && (await suppressionEntry(orgId, one.value))) {
      await deleteItems([suppressionKey(orgId, one.value)]);
      counts.suppressionEntries += 1;
    }
    const imports = await eraseFromImports(orgId, one, stores, now);
    counts.importRows += imports.rows;
    counts.importIssues += imports.issues;
  };
  for (const lead of leads) {
    // Every address and number the lead has is the person's too, remembered hashed (never enrolled
    // again), before the lead goes: it is how a call cut short and called again would learn them.
    for (const one of peopleOf(lead)) await forget(one);
    // First what stops the lead acting (its pending step), then what only the lead leads to.
    const scheduleName = lead.enrollment.scheduleName;
    if (hasPendingSchedule(lead.enrollment) && scheduleName) {
      await cancelStep(scheduleName);
      counts.schedulesCancelled += 1;
    }
    const log = await leadLogItems(orgId, lead.id);
    const inbound = await batchGet(inboundRefsOf(orgId, lead, log).map(inboundKey));
    for (const record of inbound) {
      if (typeof record.rawMailId !== 'string') continue;
      if (await stores.rawMail.find(record.rawMailId)) counts.storedMails += 1;
      await stores.rawMail.remove(record.rawMailId);
    }
    await deleteItems(inbound.map(keyOf));
    counts.inboundRecords += inbound.length;
    for (const webhook of webhooks) {
      const { deliveries, counterKeys } = await deliveriesAbout(orgId, webhook.id, [lead.id]);
      await deleteItems([...deliveries.map(keyOf), ...counterKeys]);
      counts.webhookDeliveries += deliveries.length;
    }
    for (const referred of referredLeadsOf(log)) {
      if (await clearReferrer(orgId, referred)) counts.referralsCleared += 1;
    }
    counts.referrerMentions += await forgetAsReferred(orgId, lead);
    // The account's last reply names the lead: forgotten while the lead (how it is found) is still there.
    if (lead.accountDomain) await forgetAccountReply(orgId, lead.accountDomain, lead.id);
    await deleteItems(log.map(keyOf));
    counts.timelineItems += log.length;
    const deleted = await deleteLead(lead).catch((error: unknown) => {
      // Another erasure (or a DELETE /leads/{id}) got there first: gone either way.
      if ((error as { code?: string }).code !== 'not_found') throw error;
      return lead;
    });
    counts.leads += 1;
    // Details changed while this ran (deleteLead read the lead again): the new address or number too.
    for (const one of peopleOf(deleted)) await forget(one);
    // Its account, if it was the last one in it: a personal domain's summary would name the person.
    for (const domain of new Set([lead.accountDomain, deleted.accountDomain])) {
      if (domain) await deleteEmptyAccount(orgId, domain);
    }
    // What a send or an event wrote while the lead was being erased (the lead is gone now: no more).
    const late = await leadLogItems(orgId, lead.id);
    await deleteItems(late.map(keyOf));
    counts.timelineItems += late.length;
  }

  // The person as given, whether or not a lead held them (a suppressed address that was never a lead).
  await forget(person);
  return { counts, personHash: erasedPersonHash(salt, person) };
}

/**
 * The person's rows in the org's imports whose rows are still stored (7 days) become `null`, so row
 * numbers, and the lead ids derived from them, stay as they were; a worker still on that import reads
 * the row as invalid. Issues quoting the address, in every import still kept, are deleted.
 */
async function eraseFromImports(
  orgId: string,
  person: Person,
  stores: PrivacyStores,
  now: Date,
): Promise<{ rows: number; issues: number }> {
  let rows = 0;
  let issues = 0;
  for (const record of await importsOf(orgId)) {
    if (now.getTime() - Date.parse(record.createdAt) <= IMPORT_ROWS_KEPT_MS) {
      const stored = await stores.importRows.readAll(orgId, record.id);
      const erased = stored?.map((row) => (mentions(row, person) ? null : row));
      const count = stored?.filter((row) => mentions(row, person)).length ?? 0;
      if (erased && count > 0) {
        await stores.importRows.store(orgId, record.id, erased);
        rows += count;
      }
    }
    const quoted = await rowIssuesNaming(orgId, record.id, person.value);
    await deleteItems(quoted.map(keyOf));
    issues += quoted.length;
  }
  return { rows, issues };
}

/** Every record the org holds about the person, as stored (without the table's key attributes). */
export interface PersonExport {
  leads: Item[];
  /** Each lead's send records and timeline events. */
  logs: { leadId: string; items: Item[] }[];
  inboundRecords: Item[];
  /** The raw messages they sent that are still stored, as text (RFC 5322). */
  storedMails: { id: string; raw: string }[];
  webhookDeliveries: Item[];
  importRows: { importId: string; row: number; value: unknown }[];
  importIssues: Item[];
  suppression?: Item;
  /** For an address: what SES's account-level suppression list may hold, which an erasure keeps. */
  sesAccountSuppression?: string;
}

/**
 * SES's account-level list (adapters/account-suppression.ts) is not erased on purpose: it is what keeps
 * every sender of the AWS account from mailing an address that hard-bounced or complained (a legitimate
 * interest), and taking the address off would let the account mail it again. It is not read here: the
 * engine is granted only the put (lib/delivery-events.ts).
 */
export const SES_ACCOUNT_SUPPRESSION_NOTE =
  'Kept, if the address hard-bounced or complained: SES’s account-level suppression list holds it so that no sender of the AWS account mails it again; an erasure does not remove it';

/** The largest export of stored mail: Lambda answers at most 6 MB, and the rest needs room too. */
const MAX_EXPORTED_MAIL_BYTES = 3 * 1024 * 1024;

export async function exportPerson(
  caller: Caller,
  person: Person,
  stores: PrivacyStores,
  now: Date,
): Promise<PersonExport & { storedMailsLeftOut: number; personHash: string }> {
  assertAdmin(caller, 'export a person’s data');
  const { orgId } = caller;
  // Named in the audit log by hash, as an erasure is: the salt is made on the org's first request.
  const personHash = erasedPersonHash(await erasureSaltOf(orgId, now), person);
  const leads = await leadsOf(orgId, person);
  const webhooks = leads.length > 0 ? await listWebhooks(orgId) : [];
  const out: PersonExport & { storedMailsLeftOut: number } = {
    leads: (await batchGet(leads.map((lead) => leadKey(orgId, lead.id)))).map(withoutKeys),
    logs: [],
    inboundRecords: [],
    storedMails: [],
    webhookDeliveries: [],
    importRows: [],
    importIssues: [],
    storedMailsLeftOut: 0,
  };
  let mailBytes = 0;
  for (const lead of leads) {
    const log = await leadLogItems(orgId, lead.id);
    out.logs.push({ leadId: lead.id, items: log.map(withoutKeys) });
    const inbound = await batchGet(inboundRefsOf(orgId, lead, log).map(inboundKey));
    out.inboundRecords.push(...inbound.map(withoutKeys));
    for (const record of inbound) {
      if (typeof record.rawMailId !== 'string') continue;
      const raw = await stores.rawMail.find(record.rawMailId);
      if (!raw) continue;
      if (mailBytes + raw.length > MAX_EXPORTED_MAIL_BYTES) {
        out.storedMailsLeftOut += 1;
        continue;
      }
      mailBytes += raw.length;
      out.storedMails.push({ id: record.rawMailId, raw: raw.toString('utf8') });
    }
    for (const webhook of webhooks) {
      const { deliveries } = await deliveriesAbout(orgId, webhook.id, [lead.id]);
      out.webhookDeliveries.push(...deliveries.map(withoutKeys));
    }
  }
  for (const record of await importsOf(orgId)) {
    if (now.getTime() - Date.parse(record.createdAt) <= IMPORT_ROWS_KEPT_MS) {
      const stored = (await stores.importRows.readAll(orgId, record.id)) ?? [];
      stored.forEach((value, index) => {
        if (mentions(value, person)) out.importRows.push({ importId: record.id, row: index + 1, value });
      });
    }
    out.importIssues.push(...(await rowIssuesNaming(orgId, record.id, person.value)).map(withoutKeys));
  }
  const suppression = person.kind === 'email' ? await suppressionEntry(orgId, person.value) : undefined;
  if (suppression) out.suppression = withoutKeys(suppression);
  if (person.kind === 'email') out.sesAccountSuppression = SES_ACCOUNT_SUPPRESSION_NOTE;
  return { ...out, personHash };
}

/** A stored item without the table's keys and index keys, which are ours, not the person's data. */
function withoutKeys(item: Item): Item {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !/^(pk|sk|gsi\d(pk|sk))$/.test(key)));
}
