/**
 * The sequences API's use cases: list, read, create, clone, replace and delete sequences, and what
 * their steps would send and when. Each returns the sequence (with what the caller should know before
 * using it) and leaves the view to the entry; deleting, impact and the previews load their code on
 * first use, not at the function's cold start.
 */
import { randomUUID } from 'node:crypto';
import { assertVersion, ConflictError, NotFoundError, ValidationError } from '../core/errors';
import type { ExampleDates, ExampleDatesInput } from '../core/example-dates';
import { assertKnownSubdivision } from '../core/holiday-calendars';
import { requestedStart } from '../core/leads';
import { type OrgSettings, sequenceWarnings } from '../core/org-settings';
import { assertCanEdit, type Caller } from '../core/permissions';
import {
  assertStepMessages,
  type CloneInput,
  cloneSequence,
  newSequence,
  referencedMessageIds,
  reviseSequence,
  type Sequence,
  type SequenceInput,
} from '../core/sequences';
import { isSystemName, systemSequences } from '../core/system-catalogue';
import type { Warning } from '../core/warnings';
import { getAssistant } from '../data/assistants';
import { getVisibleMessages } from '../data/messages';
import { getOrgSettings } from '../data/org';
import { getVisibleSequence, insertSequence, listOrgSequences, replaceSequence } from '../data/sequences';
import type { StepPreviewRequest } from './step-preview';

/** A sequence with what the caller should know before using it (the org's offering). */
export interface ShownSequence {
  sequence: Sequence;
  warnings: Warning[];
}

/** The system sequences and the org's own, with the org's settings their warnings come from. */
export async function listSequences(
  caller: Caller,
): Promise<{ system: Sequence[]; own: Sequence[]; settings: OrgSettings }> {
  const [own, settings] = await Promise.all([listOrgSequences(caller.orgId), getOrgSettings(caller.orgId)]);
  return { system: systemSequences(caller.orgId), own, settings };
}

export async function readSequence(caller: Caller, id: string | undefined): Promise<ShownSequence> {
  return shown(caller, await visibleSequence(caller, id));
}

export async function createSequence(
  caller: Caller,
  input: SequenceInput,
  now: Date,
): Promise<ShownSequence> {
  const sequence = newSequence(input, caller, randomUUID(), now);
  await checkCanStore(sequence);
  await insertSequence(sequence);
  return shown(caller, sequence);
}

export async function copySequence(
  caller: Caller,
  id: string | undefined,
  input: CloneInput,
  now: Date,
): Promise<ShownSequence> {
  const source = await visibleSequence(caller, id);
  const sequence = cloneSequence(source, input, caller, randomUUID(), now);
  await checkCanStore(sequence);
  await insertSequence(sequence);
  return shown(caller, sequence);
}

/** `expectedVersion` is read first: a request without If-Match is refused before any read. */
export async function reviseStoredSequence(
  caller: Caller,
  id: string | undefined,
  input: SequenceInput,
  expectedVersion: () => number,
  now: Date,
): Promise<ShownSequence> {
  const version = expectedVersion();
  const current = await visibleSequence(caller, id);
  assertCanEdit(caller, current, 'sequence');
  assertVersion(current, version, 'sequence');
  const next = reviseSequence(current, input, now);
  await checkCanStore(next);
  await replaceSequence(next, current);
  return shown(caller, next);
}

export async function deleteSequence(
  caller: Caller,
  id: string | undefined,
  reassignTo: string | undefined,
  now: Date,
): Promise<void> {
  const current = await visibleSequence(caller, id);
  assertCanEdit(caller, current, 'sequence');
  const { deleteOrReassign } = await import('./sequence-deletion');
  await deleteOrReassign(current, reassignTo, now);
}

/** What replacing the sequence's steps would do to its active leads. */
export async function sequenceImpact(
  caller: Caller,
  id: string | undefined,
  steps: Sequence['steps'],
  now: Date,
) {
  const current = await visibleSequence(caller, id);
  const candidate: Sequence = { ...current, steps, version: current.version + 1 };
  const { impactOf } = await import('./replan');
  return impactOf(candidate, now);
}

export async function previewStep(
  caller: Caller,
  id: string | undefined,
  index: string | undefined,
  request: StepPreviewRequest & { lead?: { country?: string; subdivision?: string } },
  now: Date,
) {
  const sequence = await visibleSequence(caller, id);
  if (request.lead) await assertKnownSubdivision(request.lead, 'lead.subdivision');
  // The rendering stack loads with this route, not at the function's cold start.
  const { previewSequenceStep } = await import('./step-preview');
  return previewSequenceStep(caller, sequence, index, request, now);
}

export interface StepDatesRequest extends Pick<ExampleDatesInput, 'timezone' | 'country' | 'subdivision'> {
  /** Steps to place; else those of `sequenceId`. */
  steps?: ExampleDatesInput['sequence']['steps'];
  sequenceId?: string;
  assistantId?: string;
  startAt?: string;
}

/** When a sequence's steps would go out for a lead starting at `startAt` (else now). */
export async function previewStepDates(
  caller: Caller,
  { steps, sequenceId, assistantId, startAt, ...place }: StepDatesRequest,
  now: Date,
): Promise<ExampleDates> {
  // Ids in the body that name nothing are bad input (400 naming the field), as on POST /leads.
  const sequence = steps ? { steps } : await getVisibleSequence(caller.orgId, sequenceId ?? '');
  if (!sequence) throw ValidationError.field('sequenceId', `No sequence ${sequenceId} in this organization`);
  const assistant = assistantId === undefined ? undefined : await getAssistant(caller.orgId, assistantId);
  if (assistantId !== undefined && !assistant) {
    throw ValidationError.field('assistantId', `No assistant ${assistantId} in this organization`);
  }
  const startsAt = requestedStart(startAt, now) ?? now;
  await assertKnownSubdivision(place);
  const { exampleDates } = await import('../core/example-dates');
  return exampleDates({ sequence, startAt: startsAt, now, assistant, ...place });
}

async function shown(caller: Caller, sequence: Sequence): Promise<ShownSequence> {
  return { sequence, warnings: sequenceWarnings(await getOrgSettings(caller.orgId), sequence) };
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
