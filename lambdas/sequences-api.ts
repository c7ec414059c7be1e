/** The sequences API: list, read, create, clone, replace and delete sequences, and preview step dates. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import {
  assertVersion,
  ConflictError,
  NotFoundError,
  UnprocessableError,
  ValidationError,
} from './core/errors';
import { leadProfile, requestedStart } from './core/leads';
import { offeringWarnings } from './core/org-settings';
import { assertCanEdit, type Caller } from './core/permissions';
import { previewThread } from './core/rendering/render-email';
import { renderWhatsAppStep } from './core/rendering/whatsapp';
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
import { getAssistant } from './data/assistants';
import { useTable } from './data/client';
import { countActiveLeads } from './data/leads';
import { getVisibleMessages } from './data/messages';
import { getOrgSettings } from './data/org';
import {
  deleteSequence,
  getVisibleSequence,
  insertSequence,
  listOrgSequences,
  replaceSequence,
} from './data/sequences';
import { assertEnrollable, requireLead } from './engine/enrollments';
import { impactOf, reassignActiveLeads } from './engine/replan';
import { readEnvironment, STEP_SCHEDULER_ENV, TABLE_ENV } from './environment';
import { apiHandler } from './http/api-handler';
import { sequencesOperations } from './http/contract/sequences';
import { previewAssistant, previewLead, previewOrg } from './http/previews';
import { catalogueOrder, sequenceView } from './http/views';

/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = z.object({ ...TABLE_ENV, ...STEP_SCHEDULER_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));

export const handler = apiHandler(sequencesOperations, {
  async listSequences({ caller }) {
    const [own, settings] = await Promise.all([listOrgSequences(caller.orgId), getOrgSettings(caller.orgId)]);
    const sequences = catalogueOrder(systemSequences(caller.orgId), own);
    const items = sequences.map((sequence) =>
      sequenceView(sequence, caller, offeringWarnings(settings, sequence)),
    );
    return { body: { items } };
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
    if (query.reassignTo !== undefined) {
      const target = await getVisibleSequence(caller.orgId, query.reassignTo);
      if (!target || target.id === current.id) {
        throw ValidationError.field('reassignTo', 'Name another sequence of this organization');
      }
      assertEnrollable(target, 'reassignTo');
      await reassignActiveLeads(current, target, now);
    }
    // After a reassignment every lead found was moved; counting again on the (eventually consistent)
    // index could still see some of them.
    const active = query.reassignTo === undefined ? await countActiveLeads(caller.orgId, current.id) : 0;
    if (active > 0) {
      throw new ConflictError(
        `${active} lead(s) are active on this sequence; stop them or delete with ?reassignTo=<sequence id>`,
        { activeLeads: active },
      );
    }
    await deleteSequence(current);
    return {};
  },

  async sequenceImpact({ caller, params, body, now }) {
    const current = await visibleSequence(caller, params.id);
    const candidate: Sequence = { ...current, steps: body.steps, version: current.version + 1 };
    return { body: await impactOf(candidate, now) };
  },

  async previewSequenceStep({ caller, params, query, body, now }) {
    const sequence = await visibleSequence(caller, params.id);
    const stepIndex = Number(params.index);
    const step = Number.isInteger(stepIndex) ? sequence.steps[stepIndex] : undefined;
    if (!step) throw new NotFoundError(`Step ${params.index} of sequence`, sequence.id);
    const stored = query.leadId === undefined ? undefined : await requireLead(caller, query.leadId);
    const storedAssistant = stored && (await getAssistant(caller.orgId, stored.assistantId));
    const lead = stored ? leadProfile(stored) : previewLead(body.lead);
    const assistant = previewAssistant(storedAssistant ?? body.assistant);
    const org = previewOrg(await getOrgSettings(caller.orgId));
    const messages = await getVisibleMessages(caller.orgId, referencedMessageIds(sequence.steps));
    if (step.channel === 'whatsapp') {
      const customMessage = step.messageId === undefined ? undefined : messages.get(step.messageId);
      if (!customMessage) throw new NotFoundError('Message', step.messageId);
      const { to, templateName, languageCode, parameters } = renderWhatsAppStep({
        lead,
        org,
        assistant,
        stepIndex,
        step,
        customMessage,
      });
      return { body: { channel: 'whatsapp', to, templateName, languageCode, parameters } };
    }
    if (sequence.type === 'email_cc' && stepIndex === 0) {
      throw new UnprocessableError(
        "Step 0 of an Email CC sequence is the user's own e-mail and is never sent",
      );
    }
    const email = previewThread({
      lead,
      org,
      assistant,
      sequence,
      stepIndex,
      customMessages: messages,
      firstSentAt: now.toISOString(),
    });
    const { from, to, cc, subject, html, text, headers } = email;
    return { body: { channel: 'email', from, to, cc, subject, html, text, headers } };
  },

  async previewStepDates({ body, now }) {
    const startAt = requestedStart(body.startAt, now) ?? now;
    const placements = previewStepDates(body.steps, startAt, { timezone: body.timezone ?? 'UTC' }, now);
    return { body: { items: placements.map(({ at }, step) => ({ step, sendAt: at.toISOString() })) } };
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
