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
] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const ENROLLMENT_STATUSES = ['active', 'stopped', 'completed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

/** Stops the follow-up: no step is pending any more, and a new revision retires the old schedule. */
export function stop(enrollment: Enrollment, reason: StopReason): Enrollment {
  const { nextSendAt: _dropped, nextHolidays: _moot, ...rest } = enrollment;
  return {
    ...rest,
    status: 'stopped',
    stopReason: reason,
    nextReasons: [],
    revision: enrollment.revision + 1,
  };
}
