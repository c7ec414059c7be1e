/** The sequences API: list, read, create, clone, replace and delete sequences, and preview steps and their dates. */
import { randomUUID } from 'node:crypto';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { assertVersion, ConflictError, NotFoundError, ValidationError } from './core/errors';
import { assertKnownSubdivision } from './core/holiday-calendars';
import { requestedStart } from './core/leads';
import { offeringWarnings } from './core/org-settings';
import { assertCanEdit, type Caller } from './core/permissions';
import {
  assertStepMessages,
  cloneSequence,
  newSequence,
  referencedMessageIds,
  reviseSequence,
  type Sequence,
} from './core/sequences';
import { isSystemName, systemSequences } from './core/system-catalogue';
import { getAssistant } from './data/assistants';
import { useTable } from './data/client';
import { getVisibleMessages } from './data/messages';
import { getOrgSettings } from './data/org';
import { getVisibleSequence, insertSequence, listOrgSequences, replaceSequence } from './data/sequences';
import { apiHandler } from './http/api-handler';
import { sequencesOperations } from './http/contract/sequences';
import { pageOfList } from './http/list-pages';
import { catalogueEntries, sequenceView } from './http/views';
import { environmentSchema, readEnvironment, STEP_SCHEDULER_ENV, TABLE_ENV } from './runtime/environment';

/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = environmentSchema({ ...TABLE_ENV, ...STEP_SCHEDULER_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));

export const handler = apiHandler(sequencesOperations, {
  async listSequences({ caller, query }) {
    const [own, settings] = await Promise.all([listOrgSequences(caller.orgId), getOrgSettings(caller.orgId)]);
    const page = pageOfList(
      catalogueEntries(systemSequences(caller.orgId), own),
      ({ position }) => position,
      query,
      ['sequences', caller.orgId, caller.userId],
    );
    const items = page.items.map(({ item: sequence }) =>
      sequenceView(sequence, caller, offeringWarnings(settings, sequence)),
    );
    return { body: { items, ...(page.nextCursor && { nextCursor: page.nextCursor }) } };
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
    assertVersion(current, version, 'sequence');
    const next = reviseSequence(current, body, now);
    await checkCanStore(next);
    await replaceSequence(next, current);
    return shown(next, caller);
  },

  async deleteSequence({ caller, params, query, now }) {
    const current = await visibleSequence(caller, params.id);
    assertCanEdit(caller, current, 'sequence');
    const { deleteOrReassign } = await import('./engine/sequence-deletion');
    await deleteOrReassign(current, query.reassignTo, now);
    return {};
  },

  async sequenceImpact({ caller, params, body, now }) {
    const current = await visibleSequence(caller, params.id);
    const candidate: Sequence = { ...current, steps: body.steps, version: current.version + 1 };
    const { impactOf } = await import('./engine/replan');
    return { body: await impactOf(candidate, now) };
  },

  async previewSequenceStep({ caller, params, query, body, now }) {
    const sequence = await visibleSequence(caller, params.id);
    if (body.lead) await assertKnownSubdivision(body.lead, 'lead.subdivision');
    // The rendering stack loads with this route, not at the function's cold start.
    const { previewSequenceStep } = await import('./engine/step-preview');
    return { body: await previewSequenceStep(caller, sequence, params.index, { ...body, ...query }, now) };
  },

  async previewStepDates({ caller, body, now }) {
    const { steps, sequenceId, assistantId, startAt, ...place } = body;
    // Ids in the body that name nothing are bad input (400 naming the field), as on POST /leads.
    const sequence = steps ? { steps } : await getVisibleSequence(caller.orgId, sequenceId ?? '');
    if (!sequence)
      throw ValidationError.field('sequenceId', `No sequence ${sequenceId} in this organization`);
    const assistant = assistantId === undefined ? undefined : await getAssistant(caller.orgId, assistantId);
    if (assistantId !== undefined && !assistant) {
      throw ValidationError.field('assistantId', `No assistant ${assistantId} in this organization`);
    }
    const startsAt = requestedStart(startAt, now) ?? now;
    await assertKnownSubdivision(place);
    const { exampleDates } = await import('./core/example-dates');
    return { body: await exampleDates({ sequence, startAt: startsAt, now, assistant, ...place }) };
  },
});

/** The sequence as the caller sees it, with what it should know before using it (the org's offering). */
async function shown(sequence: Sequence, caller: Caller) {
  const warnings = offeringWarnings(await getOrgSettings(caller.orgId), sequence);
  return { body: sequenceView(sequence, caller, warnings), version: sequence.version };
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
