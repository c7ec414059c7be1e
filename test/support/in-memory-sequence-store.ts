/**
 * engine/sequence-editing.ts's SequenceStore over a map, for unit tests of its decisions: it keeps the
 * invariants the table's conditional writes keep (a new id is new, a replace names the stored version)
 * and records every write, so a test reads what was stored instead of raw items and commands.
 */
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../lambdas/core/errors';
import type { CustomMessage } from '../../lambdas/core/messages';
import { defaultOrgSettings, type OrgSettings } from '../../lambdas/core/org-settings';
import type { Sequence } from '../../lambdas/core/sequences';
import { findSystemSequence } from '../../lambdas/core/system-catalogue';
import type { SequenceStore } from '../../lambdas/engine/sequence-editing';

export interface InMemorySequenceStore extends SequenceStore {
  /** The org's own sequences as stored now, by id. */
  readonly stored: Map<string, Sequence>;
  /** Every write, in order. */
  readonly writes: { kind: 'insert' | 'replace'; sequence: Sequence }[];
  /** How many times a sequence was read. */
  readonly reads: number;
}

export function inMemorySequenceStore(
  sequences: Sequence[] = [],
  options: { settings?: OrgSettings; messages?: CustomMessage[] } = {},
): InMemorySequenceStore {
  const stored = new Map(sequences.map((sequence) => [sequence.id, structuredClone(sequence)]));
  const writes: InMemorySequenceStore['writes'] = [];
  let reads = 0;
  const own = (orgId: string, id: string) => {
    const sequence = stored.get(id);
    return sequence?.orgId === orgId ? structuredClone(sequence) : undefined;
  };
  return {
    stored,
    writes,
    get reads() {
      return reads;
    },
    async visible(orgId, id) {
      reads += 1;
      return findSystemSequence(orgId, id) ?? own(orgId, id);
    },
    async visibleWithSettings(orgId, id) {
      reads += 1;
      return {
        sequence: findSystemSequence(orgId, id) ?? own(orgId, id),
        settings: options.settings ?? defaultOrgSettings(),
      };
    },
    async listOwn(orgId) {
      return [...stored.values()]
        .filter((sequence) => sequence.orgId === orgId)
        .map((s) => structuredClone(s));
    },
    async insert(sequence) {
      if (stored.has(sequence.id)) throw new ConflictError(`Sequence ${sequence.id} exists`);
      stored.set(sequence.id, structuredClone(sequence));
      writes.push({ kind: 'insert', sequence });
    },
    async replace(next, previous) {
      const current = own(previous.orgId, previous.id);
      if (!current) throw new NotFoundError('Sequence', previous.id);
      if (current.version !== previous.version) {
        throw new PreconditionFailedError(`The sequence is at version ${current.version}`);
      }
      stored.set(next.id, structuredClone(next));
      writes.push({ kind: 'replace', sequence: next });
    },
    async orgSettings() {
      return options.settings ?? defaultOrgSettings();
    },
    async visibleMessages(orgId, ids) {
      const found = (options.messages ?? []).filter(
        (message) => message.orgId === orgId && ids.includes(message.id),
      );
      return new Map(found.map((message) => [message.id, message]));
    },
  };
}
