/**
 * Snoozing a lead's follow-up until a date, and waking it again: the use cases a "not now" reply (the
 * inbound paths) and a person (POST /leads/{id}/snooze, /wake) share. A snoozed lead keeps its sequence
 * and its next step; that step's one schedule, at the first business moment at or after the date, is
 * what wakes it (engine/send-step.ts). Each change is noted on the lead's timeline (`snoozed`, `woken`).
 */

import type { SendWindow } from '../core/business-hours';
import type { Enrollment } from '../core/enrollment';
import { type EnrollmentStatus, isRunning } from '../core/enrollment-status';
import { ConflictError, NotFoundError } from '../core/errors';
import { sendWindowFor } from '../core/lead-window';
import type { Lead } from '../core/leads';
import type { Caller } from '../core/permissions';
import { getAssistant } from '../data/assistants';
import { getLead, LeadChangedError } from '../data/leads';
import { appendTimelineEvent, type TimelineEvent } from '../data/sends';
import { requireLead } from './enrollment-reads';
import { commitPlan } from './plans';

/** Planning (luxon, the holiday data) loads with the first snooze or wake, as the out-of-office does. */
const planning = () => import('../core/enrollment');

/**
 * Who snoozed the lead: its "not now" reply, or a colleague's reply (accountPolicy.onReply
 * pause_colleagues: engine/accounts.ts), each noted first on the timeline; or a person.
 */
export type SnoozeCause = { by: 'reply' | 'account'; event: TimelineEvent } | { by: 'user' };

export type SnoozeOutcome =
  | { snoozed: true; lead: Lead; until: string; wakeAt: string }
  | { snoozed: false; lead: Lead; status: EnrollmentStatus; reason: string };

/**
 * Snoozes the lead's running follow-up (active, or snoozed already: the date moves) until `until`: its
 * next step waits for the first business moment in the lead's window at or after it (never before now).
 * A stopped or completed follow-up is left as it is, and the outcome says why. A reply that caused it
 * is noted first (engine/replies.ts has recorded it as the lead's last reply), then `snoozed {until, by, wakeAt}`.
 */
export async function snoozeFollowUp(
  lead: Lead,
  until: Date,
  cause: SnoozeCause,
  now: Date,
): Promise<SnoozeOutcome> {
  if (cause.by !== 'user') {
    await appendTimelineEvent(lead.orgId, lead.id, cause.event);
  }
  const { snooze } = await planning();
  const changed = await changeRunning(lead, now, async (current, window) =>
    snooze(current.enrollment, until, { window, now }),
  );
  if (!('next' in changed)) return { snoozed: false, ...changed };
  const wakeAt = changed.next.nextSendAt ?? until.toISOString();
  await appendTimelineEvent(lead.orgId, lead.id, {
    kind: 'snoozed',
    at: now.toISOString(),
    detail: { until: until.toISOString(), by: cause.by, wakeAt },
  });
  return {
    snoozed: true,
    lead: { ...changed.lead, enrollment: changed.next },
    until: until.toISOString(),
    wakeAt,
  };
}

export type WakeOutcome =
  | { woken: true; lead: Lead }
  | { woken: false; lead: Lead; status: EnrollmentStatus; reason: string };

/**
 * Wakes a snoozed lead now: active again, its next step at the first business moment from now, noted
 * as `woken {by}`. An active lead is left as it is (waking is idempotent); a stopped or completed one
 * has nothing to wake. Either way the outcome carries the lead as it now is.
 */
export async function wakeFollowUp(lead: Lead, by: 'user' | 'schedule', now: Date): Promise<WakeOutcome> {
  const { wake } = await planning();
  const changed = await changeRunning(lead, now, async (current, window) =>
    wake(current.enrollment, { window, now }),
  );
  if (!('next' in changed)) return { woken: false, ...changed };
  if (changed.next === changed.lead.enrollment) {
    return { woken: false, lead: changed.lead, status: 'active', reason: 'The follow-up is already active' };
  }
  await appendTimelineEvent(lead.orgId, lead.id, { kind: 'woken', at: now.toISOString(), detail: { by } });
  return { woken: true, lead: { ...changed.lead, enrollment: changed.next } };
}

/** POST /leads/{id}/snooze: `until` is read by the core (an instant, or a date in the lead's zone). */
export async function snoozeLead(caller: Caller, id: string, until: string, now: Date): Promise<Lead> {
  const lead = await requireLead(caller, id);
  const { snoozeUntilOf } = await planning();
  const at = snoozeUntilOf(until, lead.timezone, now);
  const outcome = await snoozeFollowUp(lead, at, { by: 'user' }, now);
  if (outcome.snoozed) return outcome.lead;
  throw new ConflictError(outcome.reason, { status: outcome.status });
}

/** POST /leads/{id}/wake: a snoozed lead wakes, an active one is answered as it is (idempotent). */
export async function wakeLead(caller: Caller, id: string, now: Date): Promise<Lead> {
  const lead = await requireLead(caller, id);
  const outcome = await wakeFollowUp(lead, 'user', now);
  if (outcome.woken || outcome.status === 'active') return outcome.lead;
  throw new ConflictError(outcome.reason, { status: outcome.status });
}

type Unchanged = { lead: Lead; status: EnrollmentStatus; reason: string };

/**
 * Applies `change` to the lead's running enrollment in its send window and commits it, reading the lead
 * again once if another writer got there first. Answers the lead with its `next` enrollment (the same
 * object when the change left it as it was), or why nothing could change: the follow-up is not running,
 * or its assistant is gone (there is no window to place a step in).
 */
async function changeRunning(
  lead: Lead,
  now: Date,
  change: (current: Lead, window: SendWindow) => Promise<Enrollment>,
): Promise<{ lead: Lead; next: Enrollment } | Unchanged> {
  let current = lead;
  for (const attempt of [1, 2]) {
    if (attempt === 2) {
      const fresh = await getLead(lead.orgId, lead.id);
      if (!fresh) throw new NotFoundError('Lead', lead.id);
      current = fresh;
    }
    const { status } = current.enrollment;
    if (!isRunning(status)) {
      return {
        lead: current,
        status,
        reason: `The follow-up is ${status}: continue or restart it first`,
      };
    }
    const assistant = await getAssistant(current.orgId, current.assistantId);
    if (!assistant) {
      return {
        lead: current,
        status,
        reason: `The lead's assistant ${current.assistantId} no longer exists`,
      };
    }
    const next = await change(current, await sendWindowFor(assistant, current));
    if (next === current.enrollment) return { lead: current, next };
    try {
      await commitPlan({ lead: current, previous: current.enrollment, next, now });
      return { lead: current, next };
    } catch (error) {
      if (!(error instanceof LeadChangedError) || attempt === 2) throw error;
    }
  }
  throw new LeadChangedError();
}
