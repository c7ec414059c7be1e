/**
 * What enrolling a lead reads, in one BatchGetItem: its assistant, the org's settings and the sequence
 * named by id (system sequences come from code). POST /leads then needs only its write and its schedule.
 */
import type { Assistant } from '../core/assistants';
import type { OrgSettings } from '../core/org-settings';
import type { Sequence } from '../core/sequences';
import { findSystemSequence } from '../core/system-catalogue';
import { assistantFromItem, assistantKey } from './assistants';
import { settingsFromItem, settingsKey } from './org';
import { batchGet } from './reads';
import { sequenceFromItem, sequenceKey } from './sequences';

export interface EnrollmentContext {
  assistant?: Assistant;
  settings: OrgSettings;
  /** Only when a sequence id was asked for. */
  sequence?: Sequence;
}

export async function loadEnrollmentContext(
  orgId: string,
  { assistantId, sequenceId }: { assistantId: string; sequenceId?: string },
): Promise<EnrollmentContext> {
  const system = sequenceId === undefined ? undefined : findSystemSequence(orgId, sequenceId);
  const wanted = {
    assistant: assistantKey(orgId, assistantId),
    settings: settingsKey(orgId),
    ...(sequenceId !== undefined && !system && { sequence: sequenceKey(orgId, sequenceId) }),
  };
  const items = await batchGet(Object.values(wanted));
  const find = (key: { pk: string; sk: string } | undefined) =>
    key && items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const assistant = find(wanted.assistant);
  const sequence = find(wanted.sequence);
  return {
    assistant: assistant && assistantFromItem(assistant),
    settings: settingsFromItem(find(wanted.settings)),
    sequence: system ?? (sequence && sequenceFromItem(sequence)),
  };
}
