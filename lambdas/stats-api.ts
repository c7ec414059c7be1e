/**
 * The stats API: a sequence's funnel by step and A/B variant, reply rates by tone, an assistant's
 * funnel per day, replies by intent (engine/reply-stats.ts). Reads counters only (one Query per counter family and window); every org user may
 * read its org's stats, and another org's ids answer 404.
 */
import * as z from 'zod/mini';
import { assistantReport, sequenceReport, statsWindow, toneReport } from './core/analytics/reports';
import { NotFoundError } from './core/errors';
import { getAssistant } from './data/assistants';
import { useTable } from './data/client';
import { getVisibleSequence } from './data/sequences';
import { readActiveLeads, readAssistantCounters, readSequenceCounters, readToneCounters } from './data/stats';
import { replyStats } from './engine/reply-stats';
import { apiHandler } from './http/api-handler';
import { statsOperations } from './http/contract/stats';
import { readEnvironment, TABLE_ENV } from './runtime/environment';

/** What this function reads from its environment, once, at cold start. */
export const environment = z.object({ ...TABLE_ENV });
useTable(readEnvironment(environment).TABLE_NAME);

export const handler = apiHandler(statsOperations, {
  async sequenceStats({ caller, params, query, now }) {
    const sequence = params.id === undefined ? undefined : await getVisibleSequence(caller.orgId, params.id);
    if (!sequence) throw new NotFoundError('Sequence', params.id);
    const window = statsWindow(query, now);
    const [counters, active] = await Promise.all([
      readSequenceCounters(caller.orgId, sequence.id, window),
      readActiveLeads(caller.orgId, sequence.id),
    ]);
    return { body: await sequenceReport(sequence, window, { ...counters, active }) };
  },

  async toneStats({ caller, query, now }) {
    const window = statsWindow(query, now);
    return { body: toneReport(await readToneCounters(caller.orgId, window)) };
  },

  async assistantStats({ caller, params, query, now }) {
    const assistant = params.id === undefined ? undefined : await getAssistant(caller.orgId, params.id);
    if (!assistant) throw new NotFoundError('Assistant', params.id);
    const window = statsWindow(query, now);
    return {
      body: assistantReport(
        assistant.id,
        window,
        await readAssistantCounters(caller.orgId, assistant.id, window),
      ),
    };
  },

  async replyStats({ caller, query, now }) {
    return { body: await replyStats(caller.orgId, statsWindow(query, now), query.sequenceId) };
  },
});
