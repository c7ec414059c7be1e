/**
 * The sequences API: list, read, create, clone, replace and delete sequences, and preview steps and their
 * dates. Each route adapts its request to a use case of engine/sequence-editing.ts and maps what it returns.
 */
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { sequenceWarnings } from './core/org-settings';
import type { Caller } from './core/permissions';
import { useTable } from './data/client';
import { getVisibleMessages } from './data/messages';
import { getOrgSettings } from './data/org';
import {
  getVisibleSequence,
  getVisibleSequenceWithSettings,
  insertSequence,
  listOrgSequences,
  replaceSequence,
} from './data/sequences';
import {
  copySequence,
  createSequence,
  deleteSequence,
  listSequences,
  previewStep,
  previewStepDates,
  readSequence,
  reviseStoredSequence,
  type SequenceStore,
  type ShownSequence,
  sequenceImpact,
} from './engine/sequence-editing';
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
/** The use cases' sequences and what they are checked against: the table. */
const store: SequenceStore = {
  visible: getVisibleSequence,
  visibleWithSettings: getVisibleSequenceWithSettings,
  listOwn: listOrgSequences,
  insert: insertSequence,
  replace: replaceSequence,
  orgSettings: getOrgSettings,
  visibleMessages: getVisibleMessages,
};

export const handler = apiHandler(sequencesOperations, {
  async listSequences({ caller, query }) {
    const { system, own, settings } = await listSequences(store, caller);
    const page = pageOfList(catalogueEntries(system, own), ({ position }) => position, query, [
      'sequences',
      caller.orgId,
      caller.userId,
    ]);
    const items = page.items.map(({ item: sequence }) =>
      sequenceView(sequence, caller, sequenceWarnings(settings, sequence)),
    );
    return { body: { items, ...(page.nextCursor && { nextCursor: page.nextCursor }) } };
  },

  async getSequence({ caller, params }) {
    return shown(await readSequence(store, caller, params.id), caller);
  },

  async createSequence({ caller, body, now }) {
    return shown(await createSequence(store, caller, body, now), caller);
  },

  async cloneSequence({ caller, params, body, now }) {
    return shown(await copySequence(store, caller, params.id, body, now), caller);
  },

  async replaceSequence({ caller, params, body, expectedVersion, now }) {
    return shown(await reviseStoredSequence(store, caller, params.id, body, expectedVersion, now), caller);
  },

  async deleteSequence({ caller, params, query, now }) {
    await deleteSequence(store, caller, params.id, query.reassignTo, now);
    return {};
  },

  async sequenceImpact({ caller, params, body, now }) {
    return { body: await sequenceImpact(store, caller, params.id, body.steps, now) };
  },

  async previewSequenceStep({ caller, params, query, body, now }) {
    return { body: await previewStep(store, caller, params.id, params.index, { ...body, ...query }, now) };
  },

  async previewStepDates({ caller, body, now }) {
    return { body: await previewStepDates(store, caller, body, now) };
  },
});

function shown({ sequence, warnings }: ShownSequence, caller: Caller) {
  return { body: sequenceView(sequence, caller, warnings), version: sequence.version };
}
