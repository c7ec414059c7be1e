/**
 * What enrolling a lead reads, in one BatchGetItem: its assistant, the org's settings and WhatsApp
 * connection, the sequence named by id (system sequences come from code), whether the lead's address is
 * suppressed (its own entry or its domain's) and, when the caller expects them, the custom messages of that sequence. POST /leads then
 * needs only its write and its schedule.
 */
import type { Assistant } from '../core/assistants';
import type { CustomMessage } from '../core/messages';
import type { OrgSettings } from '../core/org-settings';
import type { Sequence } from '../core/sequences';
import type { Suppression } from '../core/suppressions';
import { findSystemSequence } from '../core/system-catalogue';
import { assistantFromItem, assistantKey } from './assistants';
import { erasureSaltKey, saltFromItem } from './erased-people';
import { ownMessageKeys, visibleMessagesFrom } from './messages';
import { settingsFromItem, settingsKey, whatsAppKey } from './org';
import { batchGet } from './reads';
import { sequenceFromItem, sequenceKey } from './sequences';
import { suppressionFromItem, suppressionKeysOf } from './suppressions';

export interface EnrollmentContext {
  assistant?: Assistant;
  settings: OrgSettings;
  /** Only when a sequence id was asked for. */
  sequence?: Sequence;
  /** The visible ones among `messageIds`, by id; only when message ids were asked for. */
  messages?: Map<string, CustomMessage>;
  /** The org has connected WhatsApp (PUT /org/whatsapp). */
  whatsAppConnected: boolean;
  /**
   * Only when an address was asked about: the entry that suppresses it (its own, else its domain's),
   * null when none does.
   */
  suppression?: Suppression | null;
  /** The org's erasure salt, once it erased someone (data/erased-people.ts): read with the settings. */
  erasureSalt?: string;
}

export async function loadEnrollmentContext(
  orgId: string,
  {
    assistantId,
    sequenceId,
    messageIds,
    email,
  }: { assistantId: string; sequenceId?: string; messageIds?: readonly string[]; email?: string },
): Promise<EnrollmentContext> {
  const system = sequenceId === undefined ? undefined : findSystemSequence(orgId, sequenceId);
  const wanted = {
    assistant: assistantKey(orgId, assistantId),
    settings: settingsKey(orgId),
    erasureSalt: erasureSaltKey(orgId),
    whatsApp: whatsAppKey(orgId),
    ...(sequenceId !== undefined && !system && { sequence: sequenceKey(orgId, sequenceId) }),
    ...(email !== undefined && {
      suppression: suppressionKeysOf(orgId, email).address,
      domainSuppression: suppressionKeysOf(orgId, email).domain,
    }),
  };
  const items = await batchGet([...Object.values(wanted), ...ownMessageKeys(orgId, messageIds ?? [])]);
  const find = (key: { pk: string; sk: string } | undefined) =>
    key && items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const assistant = find(wanted.assistant);
  const sequence = find(wanted.sequence);
  const suppression = find(wanted.suppression) ?? find(wanted.domainSuppression);
  return {
    assistant: assistant && assistantFromItem(assistant),
    settings: settingsFromItem(find(wanted.settings)),
    sequence: system ?? (sequence && sequenceFromItem(sequence)),
    ...(messageIds && { messages: visibleMessagesFrom(orgId, messageIds, items) }),
    whatsAppConnected: find(wanted.whatsApp) !== undefined,
    erasureSalt: saltFromItem(find(wanted.erasureSalt)),
    ...(email !== undefined && { suppression: suppression ? suppressionFromItem(suppression) : null }),
  };
}
