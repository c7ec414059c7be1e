/**
 * The lead use cases behind the API: add a lead on a sequence, change its details, stop, continue,
 * restart, move or delete it. Each reads what the decision needs, lets the core decide, and commits the
 * new plan with its schedule (engine/plans.ts).
 */
import { randomUUID } from 'node:crypto';
import { cancelStep } from '../adapters/step-scheduler';
import { accountDomainOf } from '../core/accounts';
import type { Assistant } from '../core/assistants';
import type { LeadPlace } from '../core/business-hours';
import { oneAtATimePerKey } from '../core/concurrency';
import {
  type Enrollment,
  enroll,
  firstSentStep,
  type PlanContext,
  restart,
  resume,
  retime,
} from '../core/enrollment';
import { isRunning, stop } from '../core/enrollment-status';
import {
  AddressSuppressedError,
  AlreadyEnrolledError,
  assertVersion,
  ConflictError,
  ValidationError,
} from '../core/errors';
import { assertKnownSubdivision } from '../core/holiday-calendars';
import { languageWarnings, leadLanguage } from '../core/languages';
import { sendWindowFor } from '../core/lead-window';
import {
  type Consent,
  consentOf,
  type Lead,
  type LeadInput,
  type LeadUpdate,
  requestedStart,
  startWarnings,
} from '../core/leads';
import { checkRegionPolicy, offeringWarnings, whatsAppWarnings } from '../core/org-settings';
import type { Caller } from '../core/permissions';
import { assertEnrollable, countFollowups, type Sequence } from '../core/sequences';
import {
  type SkippedStep,
  StepsWouldBeSkippedError,
  skippedStepWarnings,
  stepsThatWouldBeSkipped,
} from '../core/skipped-steps';
import { type Warning, warning } from '../core/warnings';
import { deletePendingApproval } from '../data/approvals';
import { deleteLead, getLead, insertLead, updateLeadDetails } from '../data/leads';
import { assertAccountRoom } from './accounts';
import { EnrollmentReads, requireLead } from './enrollment-reads';
import { commitPlan, hasPendingSchedule } from './plans';

/** The zone table (countries-and-timezones) loads with the first lead placed, not at cold start. */
const countries = () => import('../core/countries');

export { assertEnrollable };

/** A lead (re)enrolled from the first step, and what whoever did it should know. */
export interface EnrolledLead {
  lead: Lead;
  /** The enrollment's (enrollmentWarnings), a start that has passed; a new lead's skipped steps too. */
  warnings: Warning[];
}

export interface CreatedLead extends EnrolledLead {
  /** The custom steps whose placeholders have no value for this lead (also among `warnings`). */
  skippedSteps: SkippedStep[];
  /** The caller adds what it knows of the assistant (lambdas/leads-api.ts). */
  assistant: Assistant;
  /** The sequence the first plan was made on: its schedule names the first step's messages. */
  sequence: Sequence;
}

export interface CreateLeadOptions {
  /** Refuse (422, nothing stored) a lead whose custom steps would be skipped, instead of warning. */
  strict?: boolean;
  /** The lead's id; an import derives it from its row, so a row processed twice creates one lead. */
  id?: string;
  /** The lead whose reply referred this one, and its name (`{{referrer.firstName}}`). */
  referredBy?: { leadId: string; firstName: string; lastName?: string };
}

/**
 * An account's leads are added one at a time in this container: the account limit (assertAccountRoom)
 * reads the running colleagues, and the rows of a batch or an import, added side by side, would all
 * read the same count before any of them is written. Requests in other containers may still race
 * (README, "Accounts").
 */
const oneAtATimePerAccount = oneAtATimePerKey();

/** Adds a lead on its sequence with its first step planned; refused (nothing stored) like prepareLead. */
export async function createLead(
  caller: Caller,
  input: LeadInput,
  now: Date,
  reads = new EnrollmentReads(caller.orgId),
  options: CreateLeadOptions = {},
): Promise<CreatedLead> {
  // An invalid accountDomain is refused by prepareLead, with the field named.
  const accountDomain = await accountDomainOf(input).catch(() => undefined);
  const add = () => addLead(caller, input, now, reads, options);
  return accountDomain === undefined ? add() : oneAtATimePerAccount(`${caller.orgId}/${accountDomain}`, add);
}

async function addLead(
  caller: Caller,
  input: LeadInput,
  now: Date,
  reads: EnrollmentReads,
  options: CreateLeadOptions,
): Promise<CreatedLead> {
  const prepared = await prepareLead(caller, input, now, reads, options);
  const { lead, sequence } = prepared;
  try {
    await commitPlan({ lead, previous: undefined, next: lead.enrollment, now, sequence }, (alongside) =>
      insertLead(lead, alongside),
    );
  } catch (error) {
    if (error instanceof AlreadyEnrolledError && input.moveIfEnrolled === true)
      return moveEnrolled(error, prepared, input.startAt, now);
    throw error;
  }
  return prepared;
}

/**
 * `moveIfEnrolled: true` on an address already running on a sequence: that lead (its id and details
 * kept) restarts from the first step on the requested sequence and assistant, so the person stays on
 * one active sequence. Its own sequence again is nothing to move: already_enrolled stands. A lead that
 * stopped or completed meanwhile is not moved either (the conflict stands: restart it).
 */
async function moveEnrolled(
  refusal: AlreadyEnrolledError,
  prepared: CreatedLead,
  startAt: string | undefined,
  now: Date,
): Promise<CreatedLead> {
  const { sequence, assistant } = prepared;
  const existing = await getLead(prepared.lead.orgId, refusal.details.existingLeadId);
  if (!existing || !isRunning(existing.enrollment.status) || existing.enrollment.sequenceId === sequence.id)
    throw refusal;
  // The lead moved keeps its consent: a sequence only on channels it withdrew would send it nothing.
  assertConsentRemains(existing, sequence);
  const context = await planContext(sequence, assistant, existing, now);
  const plan = restart(existing.enrollment, context, requestedStart(startAt, now) ?? now, randomUUID());
  let moved: Lead = { ...existing, assistantId: assistant.id, enrollment: plan };
  await commitPlan(
    { lead: moved, previous: existing.enrollment, next: plan, now, sequence },
    async (alongside) => {
      moved = await updateLeadDetails(
        existing,
        { ...existing, assistantId: assistant.id },
        now,
        plan,
        alongside,
      );
    },
  );
  const note = warning(
    'lead_moved',
    `${existing.email ?? 'The address'} was running on sequence ${refusal.details.sequenceId} as lead ${existing.id}: that lead moved here, from the first step`,
    'moveIfEnrolled',
  );
  return { ...prepared, lead: moved, warnings: [note, ...prepared.warnings] };
}

/**
 * The lead `input` makes, with its first plan and what to warn about, without writing anything:
 * every refusal of POST /leads (unknown assistant or sequence, unreachable lead, region policy, strict
 * skipped steps) is thrown here.
 */
export async function prepareLead(
  caller: Caller,
  input: LeadInput,
  now: Date,
  reads = new EnrollmentReads(caller.orgId),
  options: CreateLeadOptions = {},
): Promise<CreatedLead> {
  await assertKnownSubdivision(input);
  await reads.prefetch(
    input.assistantId,
    input.sequenceName === undefined ? input.sequenceId : undefined,
    input.email,
  );
  const assistant = await requireAssistant(reads, input.assistantId);
  const sequence = await chooseSequence(reads, input, assistant);
  assertReachable(input, sequence);
  await assertNotSuppressed(reads, input, sequence);
  const settings = await reads.orgSettings();
  const { sequenceId: _id, sequenceName: _name, startAt, moveIfEnrolled: _move, ...given } = input;
  const accountDomain = await accountDomainOf(given);
  const language = leadLanguage(given, settings.defaultLanguage);
  const details = { ...given, language, ...(accountDomain !== undefined && { accountDomain }) };
  const policyWarnings = await enrollmentWarnings(reads, details, sequence);
  const id = options.id ?? randomUUID();
  await assertAccountRoom(settings, { orgId: caller.orgId, id, email: input.email, accountDomain });
  const timezone = input.timezone ?? (await countries()).defaultTimezone(input.country, assistant.timezone);
  const referrer = options.referredBy && {
    firstName: options.referredBy.firstName,
    ...(options.referredBy.lastName && { lastName: options.referredBy.lastName }),
  };
  // A referred lead's `{{referrer.firstName}}` has its value: no warning that the step would be skipped.
  const skippedSteps = stepsThatWouldBeSkipped(sequence, await reads.messagesOf(sequence), {
    lead: { ...details, id, ...(referrer && { referrer }) },
    org: settings,
    assistant,
  });
  if (options.strict && skippedSteps.length > 0) throw new StepsWouldBeSkippedError(skippedSteps);
  const warnings = [
    ...policyWarnings,
    ...startWarnings(startAt, now),
    ...skippedSteps.flatMap(skippedStepWarnings),
  ];
  const at = now.toISOString();
  const lead: Lead = {
    ...details,
    id,
    orgId: caller.orgId,
    timezone,
    ...(options.referredBy && referrer && { referredBy: options.referredBy.leadId, referrer }),
    version: 1,
    createdAt: at,
    updatedAt: at,
    enrollment: enroll(
      await planContext(sequence, assistant, { ...input, timezone }, now),
      requestedStart(startAt, now) ?? now,
      randomUUID(),
    ),
  };
  return { lead, warnings, skippedSteps, assistant, sequence };
}

/**
 * Replaces a lead's details if it is still at the version the caller read (else 412); a new sequence
 * restarts the lead there (with the warnings of an enrollment), a new assistant or zone re-times its
 * next step.
 */
export async function updateLead(
  caller: Caller,
  id: string,
  input: LeadUpdate,
  now: Date,
  expectedVersion: number,
): Promise<EnrolledLead> {
  await assertKnownSubdivision(input);
  const reads = new EnrollmentReads(caller.orgId);
  const current = await requireLead(caller, id);
  assertVersion(current, expectedVersion, 'lead');
  const assistant = await requireAssistant(reads, input.assistantId);
  const requested = await requireSequence(reads, input.sequenceId, 'sequenceId');
  const moving = requested.id !== current.enrollment.sequenceId;
  const sequence = moving ? assertEnrollable(requested, 'sequenceId') : requested;
  assertReachable(input, sequence);
  if (moving) assertConsentRemains(current, sequence);
  await assertNewContactAllowed(reads, current, input, sequence, moving);
  const { sequenceId: _sequenceId, startAt, ...given } = input;
  const accountDomain = await accountDomainOf(given);
  const { accountDomain: _given, ...rest } = given;
  // The org's default is read only for a lead that names neither its language nor its country.
  const language =
    given.language ?? leadLanguage(given, given.country ? '' : (await reads.orgSettings()).defaultLanguage);
  const details = { ...rest, language, ...(accountDomain !== undefined && { accountDomain }) };
  const warnings = moving
    ? [...(await enrollmentWarnings(reads, details, sequence)), ...startWarnings(input.startAt, now)]
    : [];
  // Only a lead that is or will be running takes a slot of its account: a stopped one may change it freely.
  const running = moving || isRunning(current.enrollment.status);
  if (running && (moving || accountDomain !== current.accountDomain)) {
    await assertAccountRoom(await reads.orgSettings(), { ...current, accountDomain });
  }
  const timezone = input.timezone ?? (await countries()).defaultTimezone(input.country, assistant.timezone);
  const context = await planContext(sequence, assistant, { ...input, timezone }, now);
  const previous = current.enrollment;
  let next: Enrollment | undefined;
  if (sequence.id !== previous.sequenceId)
    next = restart(previous, context, requestedStart(startAt, now) ?? now, randomUUID());
  else if (assistant.id !== current.assistantId || movedPlace(current, { ...input, timezone }))
    next = retime(previous, context);
  const plan = next !== undefined && next !== previous ? next : undefined;
  if (!plan) return { lead: await updateLeadDetails(current, { ...details, timezone }, now), warnings };
  // Details and plan go in one write: a lost race leaves neither half stored.
  let updated: Lead | undefined;
  await commitPlan(
    { lead: { ...current, assistantId: assistant.id }, previous, next: plan, now },
    async (alongside) => {
      updated = await updateLeadDetails(current, { ...details, timezone }, now, plan, alongside);
    },
  );
  return { lead: updated ?? { ...current, enrollment: plan }, warnings };
}

export async function stopLead(caller: Caller, id: string, now: Date): Promise<Lead> {
  const lead = await requireLead(caller, id);
  if (!isRunning(lead.enrollment.status))
    throw new ConflictError(`The follow-up is already ${lead.enrollment.status}`);
  return changePlan(lead, stop(lead.enrollment, 'manual'), now);
}

export async function continueLead(
  caller: Caller,
  id: string,
  startAt: string | undefined,
  now: Date,
): Promise<EnrolledLead> {
  const reads = new EnrollmentReads(caller.orgId);
  const lead = await requireLead(caller, id);
  const context = await contextFor(reads, lead, lead.enrollment.sequenceId, now);
  // The sequence may have grown since the lead joined it: the policy applies to what it is now. (Its
  // warnings are an enrollment's: continuing does not send the first e-mail again.)
  await assertMayPlan(reads, lead, await requireSequence(reads, lead.enrollment.sequenceId, 'sequenceId'));
  await assertAccountRoom(await reads.orgSettings(), lead);
  const next = resume(lead.enrollment, context, requestedStart(startAt, now));
  return { lead: await changePlan(lead, next, now), warnings: startWarnings(startAt, now) };
}

export async function restartLead(
  caller: Caller,
  id: string,
  body: { sequenceId?: string; startAt?: string },
  now: Date,
): Promise<EnrolledLead> {
  const reads = new EnrollmentReads(caller.orgId);
  const lead = await requireLead(caller, id);
  const sequence = assertEnrollable(
    await requireSequence(reads, body.sequenceId ?? lead.enrollment.sequenceId, 'sequenceId'),
    'sequenceId',
  );
  assertReachable(lead, sequence);
  const warnings = [...(await assertMayPlan(reads, lead, sequence)), ...startWarnings(body.startAt, now)];
  if (!isRunning(lead.enrollment.status)) await assertAccountRoom(await reads.orgSettings(), lead);
  const context = await planContext(sequence, await requireAssistant(reads, lead.assistantId), lead, now);
  const next = restart(lead.enrollment, context, requestedStart(body.startAt, now) ?? now, randomUUID());
  return { lead: await changePlan(lead, next, now), warnings };
}

export async function removeLead(caller: Caller, id: string): Promise<void> {
  // The lead as deleted (read again if it changed meanwhile), whose schedule is the one pending.
  const lead = await deleteLead(await requireLead(caller, id));
  // After the delete: a schedule left behind by a failure here finds no lead and does nothing.
  if (hasPendingSchedule(lead.enrollment) && lead.enrollment.scheduleName)
    await cancelStep(lead.enrollment.scheduleName);
  // Its step's draft goes from GET /approvals (the lead's log, where it lives, stays as its timeline does).
  if (lead.enrollment.approvalId) await deletePendingApproval(lead.orgId, lead.enrollment.approvalId);
}

/** Moves a lead from a sequence being deleted to another, re-planned from its next step. */
export async function moveToSequence(
  lead: Lead,
  target: Sequence,
  reads: EnrollmentReads,
  now: Date,
): Promise<void> {
  const context = await contextFor(reads, lead, target.id, now);
  await commitPlan({ lead, previous: lead.enrollment, next: retime(lead.enrollment, context), now });
}

/** The plan's inputs for a lead at `place`: its zone, and its country and subdivision for public holidays. */
export async function planContext(
  sequence: Sequence,
  assistant: Assistant,
  place: LeadPlace,
  now: Date,
): Promise<PlanContext> {
  return { sequence, window: await sendWindowFor(assistant, place), now };
}

/** Whether the lead's zone or holiday calendar (country, subdivision) changed: its next step is re-timed. */
function movedPlace(lead: Lead, place: LeadPlace): boolean {
  return (
    lead.timezone !== place.timezone ||
    lead.country !== place.country ||
    lead.subdivision !== place.subdivision
  );
}

async function contextFor(
  reads: EnrollmentReads,
  lead: Lead,
  sequenceId: string,
  now: Date,
): Promise<PlanContext> {
  const assistant = await requireAssistant(reads, lead.assistantId);
  const sequence = await requireSequence(reads, sequenceId, 'sequenceId');
  return await planContext(sequence, assistant, lead, now);
}

async function changePlan(lead: Lead, next: Enrollment, now: Date): Promise<Lead> {
  await commitPlan({ lead, previous: lead.enrollment, next, now });
  return { ...lead, enrollment: next };
}

async function requireAssistant(reads: EnrollmentReads, id: string): Promise<Assistant> {
  const assistant = await reads.assistant(id);
  if (!assistant) throw ValidationError.field('assistantId', `No assistant ${id} in this organization`);
  return assistant;
}

async function requireSequence(reads: EnrollmentReads, id: string, field: string): Promise<Sequence> {
  const sequence = await reads.sequence(id);
  if (!sequence) throw ValidationError.field(field, `No sequence ${id} in this organization`);
  return sequence;
}

async function chooseSequence(
  reads: EnrollmentReads,
  input: LeadInput,
  assistant: Assistant,
): Promise<Sequence> {
  if (input.sequenceName !== undefined) {
    const named = await reads.sequenceNamed(input.sequenceName);
    if (!named) throw ValidationError.field('sequenceName', `No sequence named "${input.sequenceName}"`);
    return assertEnrollable(named, 'sequenceName');
  }
  const field = input.sequenceId ? 'sequenceId' : 'assistantId';
  return assertEnrollable(
    await requireSequence(reads, input.sequenceId ?? assistant.defaultSequenceId, field),
    field,
  );
}

/**
 * What every new plan of an existing lead must pass, as a new lead does on POST /leads: its address is
 * not suppressed (409), and the org's region policy allows the sequence's follow-ups (422 when enforced).
 * Answers the enrollment's warnings.
 */
async function assertMayPlan(reads: EnrollmentReads, lead: Lead, sequence: Sequence): Promise<Warning[]> {
  assertConsentRemains(lead, sequence);
  await assertNotSuppressed(reads, lead, sequence);
  return await enrollmentWarnings(reads, lead, sequence);
}

/**
 * What enrolling a lead from the first step should tell the caller: a sequence longer than the lead's
 * region allows (throws 422 when the org enforces it), a generated first e-mail without an offering,
 * and WhatsApp steps in an org that has not connected WhatsApp (read in POST /leads' one BatchGetItem).
 */
async function enrollmentWarnings(
  reads: EnrollmentReads,
  /** A lead stored before languages has none: its country's, else the org's default, as a new one. */
  lead: { country?: string; language?: string },
  sequence: Sequence,
): Promise<Warning[]> {
  const { regionOf } = await countries();
  const region = lead.country === undefined ? undefined : regionOf(lead.country);
  const settings = await reads.orgSettings();
  const language = leadLanguage(lead, settings.defaultLanguage);
  return [
    ...checkRegionPolicy(settings, region, countFollowups(sequence)),
    ...offeringWarnings(settings, sequence),
    ...whatsAppWarnings(await reads.whatsAppConnected(), sequence),
    ...languageWarnings(language, sequence),
  ];
}

/**
 * A suppressed address (its own entry or its domain's) would have every e-mail step skipped: refuse
 * (409 address_suppressed, nothing stored) instead of showing it "active", on every way a lead is added
 * or re-planned: POST /leads, its batch and imports (each row), a move, continue and restart. Read with
 * POST /leads' one BatchGetItem. A lead that withdrew its e-mail consent itself (its unsubscribe also
 * listed the address) is e-mailed on no sequence: its e-mail steps are skipped as `no_consent`, so a
 * sequence with WhatsApp steps may still reach it there (when it did not withdraw that too).
 */
async function assertNotSuppressed(
  reads: EnrollmentReads,
  lead: { email?: string; phone?: string; consent?: Consent },
  sequence: Pick<Sequence, 'type' | 'steps'>,
): Promise<void> {
  await assertNotErased(reads, lead);
  const sent = sequence.steps.slice(firstSentStep(sequence));
  if (!lead.email || !sent.some((step) => step.channel === 'email')) return;
  const consent = consentOf(lead);
  if (!consent.email && consent.whatsapp && sent.some((step) => step.channel === 'whatsapp')) return;
  const suppression = await reads.suppression(lead.email);
  if (!suppression) return;
  throw new AddressSuppressedError(
    suppression.kind === 'domain'
      ? `${lead.email} is at ${suppression.value}, a domain on the org’s suppression list: it is never e-mailed`
      : `${lead.email} is on the org’s suppression list (${suppression.reason}): it is never e-mailed again`,
    { email: lead.email, ...(suppression.kind === 'domain' && { domain: suppression.value }) },
  );
}

/**
 * A PUT that gives the lead an address or number checks them as an enrolment would: an erased person's
 * is refused whatever the lead's status (it would be contacted again by a restart or a continue); the
 * suppression list, for a lead that is or will be running (a stopped lead is e-mailed by nothing, and a
 * continue or restart checks it then). Only what changed is checked for erasure: a lead keeping its own
 * number is not refused for it.
 */
async function assertNewContactAllowed(
  reads: EnrollmentReads,
  current: Lead,
  input: { email?: string; phone?: string },
  sequence: Sequence,
  moving: boolean,
): Promise<void> {
  const emailChanged = input.email?.toLowerCase() !== current.email?.toLowerCase();
  const phoneChanged = input.phone !== current.phone;
  if (moving || (emailChanged && isRunning(current.enrollment.status))) {
    await assertNotSuppressed(reads, { ...input, consent: current.consent }, sequence);
    return;
  }
  const changed = {
    ...(emailChanged && input.email !== undefined && { email: input.email }),
    ...(phoneChanged && input.phone !== undefined && { phone: input.phone }),
  };
  await assertNotErased(reads, changed);
}

/**
 * A lead that withdrew consent is planned again only on a sequence that reaches it on a channel it
 * still consents to (its steps on the other are skipped as no_consent). A lead that unsubscribed before
 * consent was kept per channel has none stored: which channel it meant is unknown, so it stays stopped.
 */
function assertConsentRemains(lead: Lead, sequence: Pick<Sequence, 'type' | 'steps'>): void {
  const unsubscribed = lead.enrollment.stopReason === 'unsubscribed';
  if (unsubscribed && lead.consent === undefined) {
    throw new ConflictError('The lead unsubscribed; their follow-up cannot be started again');
  }
  const consent = consentOf(lead);
  const channels = new Set(sequence.steps.slice(firstSentStep(sequence)).map((step) => step.channel));
  if ([...channels].some((channel) => consent[channel])) return;
  const withdrawn = [...channels].join(' and ');
  throw new ConflictError(
    `The lead withdrew consent on ${withdrawn}, every channel this sequence sends on: it would send nothing`,
  );
}

/**
 * A person erased at their request (POST /privacy/erase) is never enrolled again, on any channel: their
 * address or number matches a hashed entry of the suppression list (core/privacy.ts). 409
 * address_suppressed, naming only what the caller gave.
 */
async function assertNotErased(reads: EnrollmentReads, lead: { email?: string; phone?: string }) {
  if (!(await reads.erased(lead))) return;
  throw new AddressSuppressedError(
    'This person asked to be erased: they are never enrolled or contacted again',
    lead.email ? { email: lead.email } : { phone: lead.phone },
  );
}

/** The lead must be reachable on every channel its sequence sends on. */
function assertReachable(lead: { email?: string; phone?: string }, sequence: Sequence): void {
  const sent = sequence.steps.slice(firstSentStep(sequence));
  const issues = [];
  if (!lead.email && sent.some((step) => step.channel === 'email')) {
    issues.push({
      path: 'email',
      message: `The sequence "${sequence.name}" sends e-mail: an e-mail address is required`,
    });
  }
  if (!lead.phone && sent.some((step) => step.channel === 'whatsapp')) {
    issues.push({
      path: 'phone',
      message: `The sequence "${sequence.name}" sends WhatsApp: an E.164 phone number is required`,
    });
  }
  if (issues.length > 0) throw new ValidationError(issues);
}
