/** What the API shows of a lead: its details, its enrollment with the sequence's name, and its timeline. */
import type { Lead } from '../core/leads';
import type { Sequence } from '../core/sequences';
import type { SendRecord, TimelineEvent } from '../data/sends';
import type { EnrollmentReads } from '../engine/enrollments';

export async function leadView(lead: Lead, reads: EnrollmentReads, warnings: string[] = []) {
  const { orgId: _orgId, enrollment, ...details } = lead;
  const sequence = await reads.sequence(enrollment.sequenceId);
  return {
    ...details,
    enrollment: {
      sequenceId: enrollment.sequenceId,
      sequenceName: sequence?.name ?? '(deleted sequence)',
      status: enrollment.status,
      ...(enrollment.stopReason && { stopReason: enrollment.stopReason }),
      nextStep: enrollment.nextStep,
      ...(enrollment.nextSendAt && { nextSendAt: enrollment.nextSendAt }),
      nextReasons: enrollment.nextReasons,
      ...(enrollment.nextHolidays && { nextHolidays: enrollment.nextHolidays }),
    },
    warnings,
  };
}

export function leadTimelineView(
  lead: Lead,
  log: { sends: SendRecord[]; events: TimelineEvent[] },
  sequence: Sequence | undefined,
) {
  // Steps in flight or in doubt show through their events (uncertain, reconciled_sent, ...), not twice.
  const sends = log.sends
    .filter((send) => send.status !== 'claimed' && send.status !== 'retryable' && send.status !== 'uncertain')
    .map((send) => ({
      kind: send.status,
      at: send.at,
      step: send.stepIndex,
      channel: send.channel,
      ...(send.providerMessageId && { providerMessageId: send.providerMessageId }),
      ...(send.reason && { reason: send.reason }),
    }));
  const events = log.events.map((event) => ({
    kind: event.kind,
    at: event.at,
    ...(event.detail && { detail: event.detail }),
  }));
  const { enrollment } = lead;
  const nextStep = sequence?.steps[enrollment.nextStep];
  return {
    items: [...sends, ...events].sort((a, b) => a.at.localeCompare(b.at)),
    ...(enrollment.status === 'active' &&
      enrollment.nextSendAt &&
      nextStep && {
        next: {
          step: enrollment.nextStep,
          channel: nextStep.channel,
          at: enrollment.nextSendAt,
          reasons: enrollment.nextReasons,
          ...(enrollment.nextHolidays && { holidays: enrollment.nextHolidays }),
        },
      }),
  };
}
