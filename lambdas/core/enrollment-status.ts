/**
 * Where a lead stands on its sequence, why it stopped, and stopping it: what the API's schemas and
 * views name and what a reply, bounce or unsubscribe does, apart from the planning in enrollment.ts so
 * that they load without it.
 */
import type { Enrollment } from './enrollment';

export const STOP_REASONS = [
  'manual',
  'replied',
  'unsubscribed',
  'bounced',
  'complained',
  'deleted',
  'not_interested',
  /** The lead pointed to someone else, who was enrolled in its place (reply action enroll_referral). */
  'referred',
  /** The lead said it is not the right person, naming no one. */
  'wrong_person',
  /** A colleague (same account) replied and the org's accountPolicy.onReply is stop_colleagues. */
  'account_replied',
  /** Its address, or its address's domain, was added to the org's suppression list (POST /suppressions). */
  'suppressed',
] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/**
 * `active`: the pending step goes at `nextSendAt`. `snoozed`: the lead asked to hear again later (a
 * "not now" reply, or a person's snooze); the pending step waits for the first business moment at or
 * after `snoozedUntil`, and that step's schedule is the one that wakes the lead. `stopped`, `completed`:
 * nothing is pending.
 */
export const ENROLLMENT_STATUSES = ['active', 'snoozed', 'stopped', 'completed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/**
 * The statuses in which the follow-up is running: the lead is on its sequence with one pending step and
 * that step's one schedule. Everything that means "the follow-up is running" (a reply stops it, a
 * sequence edit re-plans it, a delete moves or counts it, the auditor repairs it) asks this, not
 * `status === 'active'` (docs/architecture.md, "Snoozing").
 */
export const RUNNING_STATUSES = ['active', 'snoozed'] as const;
export type RunningStatus = (typeof RUNNING_STATUSES)[number];

export function isRunning(status: EnrollmentStatus | undefined): status is RunningStatus {
  return status === 'active' || status === 'snoozed';
}

/**
 * How far ahead a snooze may reach: "after Q2 next year" is a follow-up, a snooze years out is a lead
 * to stop. Checked against the request's clock, with a date read in the lead's zone (core/enrollment.ts).
 */
export const MAX_SNOOZE_DAYS = 730;

/**
 * Stops the follow-up: no step is pending any more, and a new revision retires the old schedule. A
 * snoozed lead stops too (a later reply, an unsubscribe or a bounce still acts), and forgets its snooze.
 */
export function stop(enrollment: Enrollment, reason: StopReason): Enrollment {
  const { nextSendAt: _dropped, nextHolidays: _moot, snoozedUntil: _woken, ...rest } = enrollment;
  return {
    ...rest,
    status: 'stopped',
    stopReason: reason,
    nextReasons: [],
    revision: enrollment.revision + 1,
  };
}
