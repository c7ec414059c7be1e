/**
 * What the lead routes and the enrollment use cases read, each thing once per request: assistants,
 * sequences (by id or name), the custom messages a sequence uses, the org's settings, the lead itself.
 * Apart from enrollments.ts, which plans, so that the routes that only read load no planning code.
 */
import type { Assistant } from '../core/assistants';
import { isRunning } from '../core/enrollment-status';
import { NotFoundError } from '../core/errors';
import { languageWarnings, ownLanguage, writtenLanguage } from '../core/languages';
import type { Lead } from '../core/leads';
import type { CustomMessage } from '../core/messages';
import type { OrgSettings } from '../core/org-settings';
import type { Caller } from '../core/permissions';
import { peopleOf } from '../core/privacy';
import type { Sequence } from '../core/sequences';
import type { Suppression } from '../core/suppressions';
import { nameKey, systemSequences } from '../core/system-catalogue';
import type { Warning } from '../core/warnings';
import { getAssistant } from '../data/assistants';
import { loadEnrollmentContext } from '../data/enrollment-context';
import { anyErased, getErasureSalt } from '../data/erased-people';
import { getLead } from '../data/leads';
import { getVisibleMessages } from '../data/messages';
import { getOrgSettings, getWhatsAppConnection } from '../data/org';
import { getVisibleSequence, listOrgSequences } from '../data/sequences';
import { findSuppression } from '../data/suppressions';

/**
 * What several lead creations share (a batch usually names the same assistant and sequence), read once.
 */
export class EnrollmentReads {
  private readonly assistants = new Map<string, Promise<Assistant | undefined>>();
  private readonly sequences = new Map<string, Promise<Sequence | undefined>>();
  private readonly messages = new Map<string, Promise<Map<string, CustomMessage>>>();
  private settings?: Promise<OrgSettings>;
  private whatsApp?: Promise<boolean>;
  private readonly suppressions = new Map<string, Promise<Suppression | undefined>>();
  private erasureSalt?: Promise<string | undefined>;
  private readonly erasures = new Map<string, Promise<boolean>>();

  constructor(readonly orgId: string) {}

  assistant(id: string): Promise<Assistant | undefined> {
    return memo(this.assistants, id, () => getAssistant(this.orgId, id));
  }

  sequence(id: string): Promise<Sequence | undefined> {
    return memo(this.sequences, id, () => getVisibleSequence(this.orgId, id));
  }

  /**
   * Reads the sequence afresh next time: a lead could not join it because it is being deleted, so the
   * rows after it learn whether it is gone rather than each trying it again.
   */
  forgetSequence(id: string): void {
    this.sequences.delete(id);
    for (const key of this.sequences.keys()) if (key.startsWith('name:')) this.sequences.delete(key);
  }

  sequenceNamed(name: string): Promise<Sequence | undefined> {
    return memo(this.sequences, `name:${nameKey(name)}`, async () => {
      const all = [...systemSequences(this.orgId), ...(await listOrgSequences(this.orgId))];
      return all.find((sequence) => nameKey(sequence.name) === nameKey(name));
    });
  }

  /** The visible custom messages a sequence's steps use, by id. */
  messagesOf(sequence: Sequence): Promise<Map<string, CustomMessage>> {
    const ids = [...new Set(sequence.steps.flatMap((step) => step.messageId ?? []))].sort();
    rememberMessageIds(`${this.orgId}/${sequence.id}`, ids);
    return memo(this.messages, ids.join(','), () =>
      ids.length === 0 ? Promise.resolve(new Map()) : getVisibleMessages(this.orgId, ids),
    );
  }

  orgSettings(): Promise<OrgSettings> {
    this.settings ??= getOrgSettings(this.orgId);
    return this.settings;
  }

  /** The org has connected WhatsApp: without it, WhatsApp steps are skipped when due. */
  whatsAppConnected(): Promise<boolean> {
    this.whatsApp ??= getWhatsAppConnection(this.orgId).then((connection) => connection !== undefined);
    return this.whatsApp;
  }

  /**
   * The entry that keeps the address from ever being e-mailed (it bounced, complained, unsubscribed,
   * or it or its domain was listed), if any.
   */
  suppression(email: string): Promise<Suppression | undefined> {
    return memo(this.suppressions, email.toLowerCase(), () => findSuppression(this.orgId, email));
  }

  /**
   * The person (by address or number) was erased at their request. Costs nothing more for an org that
   * never erased anyone: its salt is read with the settings (pattern 14a), and only a salt leads to a
   * read of the hashed entries.
   */
  erased(lead: { email?: string; phone?: string }): Promise<boolean> {
    const people = peopleOf(lead);
    if (people.length === 0) return Promise.resolve(false);
    this.erasureSalt ??= getErasureSalt(this.orgId);
    const salt = this.erasureSalt;
    return memo(
      this.erasures,
      people.map((person) => `${person.kind}:${person.value}`).join('|'),
      async () => {
        const known = await salt;
        return known !== undefined && (await anyErased(this.orgId, known, people));
      },
    );
  }

  /**
   * Reads what enrolling on this assistant (and sequence, when named by id; and whether this address
   * is suppressed) needs and is not read yet, in one BatchGetItem instead of a GetItem each.
   */
  async prefetch(assistantId: string, sequenceId: string | undefined, email?: string): Promise<void> {
    const address = email?.toLowerCase();
    const wanted = {
      assistant: !this.assistants.has(assistantId),
      sequence: sequenceId !== undefined && !this.sequences.has(sequenceId),
      settings: this.settings === undefined,
      whatsApp: this.whatsApp === undefined,
      suppression: address !== undefined && !this.suppressions.has(address),
    };
    if (Object.values(wanted).filter(Boolean).length < 2) return;
    const expected = wanted.sequence ? messageIdsUsed.get(`${this.orgId}/${sequenceId}`) : undefined;
    const messageIds = expected && !this.messages.has(expected.join(',')) ? expected : undefined;
    const context = loadEnrollmentContext(this.orgId, {
      assistantId,
      ...(wanted.sequence && { sequenceId }),
      ...(messageIds && { messageIds }),
      ...(wanted.suppression && { email: address }),
    });
    if (wanted.assistant)
      this.assistants.set(assistantId, observed(context.then(({ assistant }) => assistant)));
    if (wanted.sequence && sequenceId !== undefined)
      this.sequences.set(sequenceId, observed(context.then(({ sequence }) => sequence)));
    if (wanted.settings) {
      this.settings = observed(context.then(({ settings }) => settings));
      this.erasureSalt ??= observed(context.then(({ erasureSalt }) => erasureSalt));
    }
    this.whatsApp ??= observed(context.then(({ whatsAppConnected }) => whatsAppConnected));
    if (wanted.suppression && address !== undefined)
      this.suppressions.set(address, observed(context.then(({ suppression }) => suppression ?? undefined)));
    if (messageIds)
      this.messages.set(
        messageIds.join(','),
        observed(context.then(({ messages }) => messages ?? new Map())),
      );
    await context;
  }
}

/**
 * The custom messages each sequence's steps used when this container last enrolled a lead on it, so the
 * next enrollment reads them in the same BatchGetItem as the sequence: POST /leads on a sequence with
 * custom steps then makes three requests, not four. Only a guess at which keys to read: the messages are
 * read afresh every time, and when the sequence's steps name other messages now, `messagesOf` reads
 * those as before. Bounded: the least recently enrolled sequences are forgotten first.
 */
const messageIdsUsed = new Map<string, string[]>();
const SEQUENCES_REMEMBERED = 1000;

function rememberMessageIds(sequenceKey: string, ids: string[]): void {
  messageIdsUsed.delete(sequenceKey);
  messageIdsUsed.set(sequenceKey, ids);
  const oldest = messageIdsUsed.keys().next().value;
  if (messageIdsUsed.size > SEQUENCES_REMEMBERED && oldest !== undefined) messageIdsUsed.delete(oldest);
}

/** A failed read is thrown where it is awaited; until then it is not an unhandled rejection. */
function observed<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

export async function requireLead(caller: Caller, id: string | undefined): Promise<Lead> {
  const lead = id === undefined ? undefined : await getLead(caller.orgId, id);
  if (!lead) throw new NotFoundError('Lead', id);
  return lead;
}

/**
 * The warnings of a lead's enrollment that stay true while it runs, repeated on a read so that a
 * screen showing the lead shows them too (a write answered them once): language_fallback, its
 * generated steps written in English. Only while it runs (active or snoozed: a snoozed lead's next step
 * is still written so): a stopped or completed lead has no step left to write.
 */
export async function standingWarnings(reads: EnrollmentReads, lead: Lead): Promise<Warning[]> {
  if (!isRunning(lead.enrollment.status)) return [];
  // The org's default language is read only for a lead with neither a language nor a country, and the
  // sequence (which the lead's view reads anyway) only for a language without a bank.
  const language = ownLanguage(lead) ?? (await reads.orgSettings()).defaultLanguage;
  if (!writtenLanguage(language).fallback) return [];
  const sequence = await reads.sequence(lead.enrollment.sequenceId);
  return sequence ? languageWarnings(language, sequence) : [];
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = load();
    cache.set(key, value);
  }
  return value;
}
