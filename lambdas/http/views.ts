/** What the API shows of stored records: the caller-relative `editable`, without internal fields. */
import type { CustomMessage } from '../core/messages';
import { type Caller, canEdit } from '../core/permissions';
import type { Sequence } from '../core/sequences';

export function sequenceView(sequence: Sequence, caller: Caller, warnings: string[]) {
  const { orgId: _orgId, ...shown } = sequence;
  return { ...shown, editable: canEdit(caller, sequence), warnings };
}

export function messageView(message: CustomMessage, caller: Caller) {
  const { orgId: _orgId, ...shown } = message;
  return { ...shown, editable: canEdit(caller, message) };
}

/** System items first, as defined; then the org's own by name. */
export function catalogueOrder<T extends { name: string }>(system: T[], own: T[]): T[] {
  return [...system, ...own.toSorted((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }))];
}
