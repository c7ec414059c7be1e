/**
 * Where a lead stands on its sequence, and why it stopped: names the API's schemas and views use,
 * apart from the planning in enrollment.ts so that they load without it.
 */
export const STOP_REASONS = [
  'manual',
  'replied',
  'unsubscribed',
  'bounced',
  'complained',
  'deleted',
  'not_interested',
] as const;
export type StopReason = (typeof STOP_REASONS)[number];

export const ENROLLMENT_STATUSES = ['active', 'stopped', 'completed'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];
