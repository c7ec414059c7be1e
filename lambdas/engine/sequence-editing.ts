/**
 * The sequences API's use cases: list, read, create, clone, replace and delete sequences, and what
 * their steps would send and when. Each returns the sequence (with what the caller should know before
 * using it) and leaves the view to the entry; deleting, impact and the previews load their code on
 * first use, not at the function's cold start. They read and write sequences through a
 * `SequenceStore`, which the entry file builds from data/ (the table) and a unit test from a map.
 */
import { randomUUID } from 'node:crypto';
import { assertVersion, ConflictError, NotFoundError, ValidationError } from '../core/errors';
import type { ExampleDates, ExampleDatesInput } from '../core/example-dates';
import { assertKnownSubdivision } from '../core/holiday-calendars';
import { requestedStart } from '../core/leads';
import type { CustomMessage } from '../core/messages';
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
import type { StepPreviewRequest } from './step-preview';

/**
 * What the use cases read and write: the sequences, and what a sequence is checked and shown against
 * (the org's settings, the custom messages its steps name). lambdas/sequences-api.ts passes data/'s
 * functions, whose conditional writes hold the invariants named below.
 */
export interface SequenceStore {
  /** A sequence the org can see: a system one (from code) or its own, read consistently. */
  visible(orgId: string, id: string): Promise<Sequence | undefined>;
  /** The same, with the org's settings its view's warnings come from, in one request (GET by id). */
  visibleWithSettings(
    orgId: string,
    id: string,
  ): Promise<{ sequence: Sequence | undefined; settings: OrgSettings }>;
  /** The org's own sequences. */
  listOwn(orgId: string): Promise<Sequence[]>;
  /** Stores a new sequence; ConflictError when its name is taken or a message it names is gone. */
  insert(sequence: Sequence): Promise<void>;
  /** Replaces `previous` with `next` only while `previous.version` is the stored one (else 412). */
  replace(next: Sequence, previous: Sequence): Promise<void>;
  orgSettings(orgId: string): Promise<OrgSettings>;
  /** The custom messages among `ids` the org can see, by id. */
  visibleMessages(orgId: string, ids: readonly string[]): Promise<Map<string, CustomMessage>>;
}

/** A sequence with what the caller should know before using it (the org's offering). */
export interface ShownSequence {
  sequence: Sequence;
  warnings: Warning[];
}

/** The system sequences and the org's own, with the org's settings their warnings come from. */
export async function listSequences(
  store: SequenceStore,
  caller: Caller,
): Promise<{ system: Sequence[]; own: Sequence[]; settings: OrgSettings }> {
  const [own, settings] = await Promise.all([store.listOwn(caller.orgId), store.orgSettings(caller.orgId)]);
  return { system: systemSequences(caller.orgId), own, settings };
}

export async function readSequence(
  store: SequenceStore,
  caller: Caller,
  id: string | undefined,
): Promise<ShownSequence> {
  const found = id === undefined ? undefined : await store.visibleWithSettings(caller.orgId, id);
  if (!found?.sequence) throw new NotFoundError('Sequence', id);
  return { sequence: found.sequence, warnings: sequenceWarnings(found.settings, found.sequence) };
}

export async function createSequence(
  store: SequenceStore,
  caller: Caller,
  input: SequenceInput,
  now: Date,
): Promise<ShownSequence> {
  const sequence = newSequence(input, caller, randomUUID(), now);
  await checkCanStore(store, sequence);
  await store.insert(sequence);
  return shown(store, caller, sequence);
}

export async function copySequence(
  store: SequenceStore,
  caller: Caller,
  id: string | undefined,
  input: CloneInput,
  now: Date,
): Promise<ShownSequence> {
  const source = await visibleSequence(store, caller, id);
  const sequence = cloneSequence(source, input, caller, randomUUID(), now);
  await checkCanStore(store, sequence);
  await store.insert(sequence);
  return shown(store, caller, sequence);
}

/** `expectedVersion` is read first: a request without If-Match is refused before any read. */
export async function reviseStoredSequence(
  store: SequenceStore,
  caller: Caller,
  id: string | undefined,
  input: SequenceInput,
  expectedVersion: () => number,
  now: Date,
): Promise<ShownSequence> {
  const version = expectedVersion();
  const current = await visibleSequence(store, caller, id);
  assertCanEdit(caller, current, 'sequence');
  assertVersion(current, version, 'sequence');
  const next = reviseSequence(current, input, now);
  await checkCanStore(store, next);
  await store.replace(next, current);
  return shown(store, caller, next);
}

export async function deleteSequence(
  store: SequenceStore,
  caller: Caller,
  id: string | undefined,
  reassignTo: string | undefined,
  now: Date,
): Promise<void> {
  const current = await visibleSequence(store, caller, id);
  assertCanEdit(caller, current, 'sequence');
  const { deleteOrReassign } = await import('./sequence-deletion');
  await deleteOrReassign(current, reassignTo, now);
}

/** What replacing the sequence's steps would do to its active leads. */
export async function sequenceImpact(
  store: SequenceStore,
  caller: Caller,
  id: string | undefined,
  steps: Sequence['steps'],
  now: Date,
) {
  const current = await visibleSequence(store, caller, id);
  const candidate: Sequence = { ...current, steps, version: current.version + 1 };
  const { impactOf } = await import('./replan');
  return impactOf(candidate, now);
}

export async function previewStep(
  store: SequenceStore,
  caller: Caller,
  id: string | undefined,
  index: string | undefined,
  request: StepPreviewRequest & { lead?: { country?: string; subdivision?: string } },
  now: Date,
) {
  const sequence = await visibleSequence(store, caller, id);
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
  store: SequenceStore,
  caller: Caller,
  { steps, sequenceId, assistantId, startAt, ...place }: StepDatesRequest,
  now: Date,
): Promise<ExampleDates> {
  // Ids in the body that name nothing are bad input (400 naming the field), as on POST /leads.
  const sequence = steps ? { steps } : await store.visible(caller.orgId, sequenceId ?? '');
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

async function shown(store: SequenceStore, caller: Caller, sequence: Sequence): Promise<ShownSequence> {
  return { sequence, warnings: sequenceWarnings(await store.orgSettings(caller.orgId), sequence) };
}

async function visibleSequence(
  store: SequenceStore,
  caller: Caller,
  id: string | undefined,
): Promise<Sequence> {
  const sequence = id === undefined ? undefined : await store.visible(caller.orgId, id);
  if (!sequence) throw new NotFoundError('Sequence', id);
  return sequence;
}

/** What the table cannot check alone: system names are reserved, and custom steps name visible messages. */
async function checkCanStore(store: SequenceStore, sequence: Sequence): Promise<void> {
  if (isSystemName('sequence', sequence.name)) {
    throw new ConflictError(`"${sequence.name}" is the name of a system sequence`);
  }
  const messages = await store.visibleMessages(sequence.orgId, referencedMessageIds(sequence.steps));
  assertStepMessages(sequence.steps, messages);
}
