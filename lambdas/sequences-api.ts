/** The sequences API: list, read, create, clone, replace and delete sequences, and preview step dates. */
import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError, PreconditionFailedError } from './core/errors';
import { assertCanEdit, type Caller } from './core/permissions';
import { previewStepDates } from './core/send-window';
import {
  assertStepMessages,
  cloneSequence,
  newSequence,
  referencedMessageIds,
  reviseSequence,
  type Sequence,
} from './core/sequences';
import { isSystemName, systemSequences } from './core/system-catalogue';
import { getVisibleMessages } from './data/messages';
import {
  deleteSequence,
  getVisibleSequence,
  insertSequence,
  listOrgSequences,
  replaceSequence,
} from './data/sequences';
import { apiHandler } from './http/api-handler';
import { catalogueOrder, sequenceView } from './http/views';

export const handler = apiHandler('sequences', {
  async listSequences({ caller }) {
    const sequences = catalogueOrder(systemSequences(caller.orgId), await listOrgSequences(caller.orgId));
    return { body: { items: sequences.map((sequence) => sequenceView(sequence, caller)) } };
  },

  async getSequence({ caller, params }) {
    return shown(await visibleSequence(caller, params.id), caller);
  },

  async createSequence({ caller, body, now }) {
    const sequence = newSequence(body, caller, randomUUID(), now);
    await checkCanStore(sequence);
    await insertSequence(sequence);
    return shown(sequence, caller);
  },

  async cloneSequence({ caller, params, body, now }) {
    const source = await visibleSequence(caller, params.id);
    const sequence = cloneSequence(source, body, caller, randomUUID(), now);
    await checkCanStore(sequence);
    await insertSequence(sequence);
    return shown(sequence, caller);
  },

  async replaceSequence({ caller, params, body, expectedVersion, now }) {
    const version = expectedVersion();
    const current = await visibleSequence(caller, params.id);
    assertCanEdit(caller, current, 'sequence');
    if (current.version !== version) {
      throw new PreconditionFailedError(
        `The sequence is at version ${current.version}, not ${version}: reload it`,
      );
    }
    const next = reviseSequence(current, body, now);
    await checkCanStore(next);
    await replaceSequence(next, current);
    return shown(next, caller);
  },

  async deleteSequence({ caller, params }) {
    const current = await visibleSequence(caller, params.id);
    assertCanEdit(caller, current, 'sequence');
    await deleteSequence(current);
    return {};
  },

  async previewStepDates({ body, now }) {
    const startAt = body.startAt === undefined ? now : new Date(body.startAt);
    const placements = previewStepDates(body.steps, startAt, { timezone: body.timezone ?? 'UTC' }, now);
    return { body: { items: placements.map(({ at }, step) => ({ step, sendAt: at.toISOString() })) } };
  },
});

function shown(sequence: Sequence, caller: Caller) {
  return { body: sequenceView(sequence, caller), version: sequence.version };
}

async function visibleSequence(caller: Caller, id: string | undefined): Promise<Sequence> {
  const sequence = id === undefined ? undefined : await getVisibleSequence(caller.orgId, id);
  if (!sequence) throw new NotFoundError('Sequence', id);
  return sequence;
}

/** What the table cannot check alone: system names are reserved, and custom steps name visible messages. */
async function checkCanStore(sequence: Sequence): Promise<void> {
  if (isSystemName('sequence', sequence.name)) {
    throw new ConflictError(`"${sequence.name}" is the name of a system sequence`);
  }
  const messages = await getVisibleMessages(sequence.orgId, referencedMessageIds(sequence.steps));
  assertStepMessages(sequence.steps, messages);
}
