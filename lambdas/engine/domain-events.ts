/**
 * The domain events' producer: what one change of the table (a stream record) means to the rest of a
 * sales team's stack, as the events of core/domain-events.ts. Pure: it reads the change's images, decides
 * and answers; the publisher (engine/event-publishing.ts) hands the events to the bus and the webhooks.
 *
 * - A lead's enrollment: a new run (created, restarted, moved) is `lead.enrolled`; a run that ends is
 *   `lead.completed` or `lead.stopped` (a running lead deleted stops with reason `deleted`); a lead that
 *   starts to snooze, or snoozes to another date, is `lead.snoozed`.
 * - A send record that becomes sent, skipped or failed without having been sent: `step.*` (a bounce
 *   turns a sent step failed; that is `lead.bounced`, from its own timeline entry).
 * - A timeline entry, when it is written: a reply (`replied`, `not_interested`) is `lead.replied` with
 *   what it was read as; out of office, bounced, unsubscribed and complained are their lead events.
 * - A sequence's new version: `sequence.changed`. An edit that moves no step is one as it is saved; one
 *   that moves steps is one when its re-plan has finished (the re-plan's record), with how many leads
 *   were re-planned.
 * - An assistant's (or the org's) sending state that pauses or resumes; an import that finishes.
 *
 * Every id is derived from the item's keys, what marks this version of it (a revision, a status and its
 * time, a version) and the type, so a retried batch publishes the same ids and receivers de-duplicate.
 */
import { createHash } from 'node:crypto';
import { outcomeOfSendChange } from '../core/analytics/counters';
import { editReplansLeads } from '../core/approvals';
import type {
  DomainEvent,
  DomainEventData,
  DomainEventType,
  SubjectKind,
  TypedDomainEvent,
} from '../core/domain-events';
import { isRunning } from '../core/enrollment-status';
import { REPLY_INTENTS, type ReplyIntent } from '../core/replies';
import { CHANNELS, type Channel } from '../core/sequences';
import { type TimelineEvent, timelineEventSchema } from '../core/timeline-events';
import {
  entityOf,
  eventImage,
  importImage,
  keysImage,
  leadImage,
  replanImage,
  type SendImage,
  sendImage,
  sendingStateImage,
  sequenceImage,
  statusImage,
  type TableChange,
} from '../data/stream-images';
import {
  EVENT_ENTITY,
  IMPORT_ENTITY,
  LEAD_ENTITY,
  REPLAN_ENTITY,
  SEND_ENTITY,
  SENDING_STATE_ENTITY,
  SEQUENCE_ENTITY,
} from '../data/table-schema';

export type { TableChange };

/** The events one change of the table stands for, in the order they happened; none for most changes. */
export function domainEventsOf(change: TableChange): DomainEvent[] {
  const image = change.after ?? change.before;
  const keys = keysImage(image);
  if (!keys) return [];
  const events = (() => {
    switch (entityOf(image)) {
      case LEAD_ENTITY:
        return leadEvents(change);
      case SEND_ENTITY:
        return sendEvents(change);
      case EVENT_ENTITY:
        return timelineEvents(change);
      case SEQUENCE_ENTITY:
        return sequenceEvents(change);
      case REPLAN_ENTITY:
        return replanEvents(change);
      case SENDING_STATE_ENTITY:
        return sendingStateEvents(change);
      case IMPORT_ENTITY:
        return importEvents(change);
      default:
        return [];
    }
  })();
  return events.map(({ marks, ...event }) => ({
    ...event,
    id: eventId([keys.pk, keys.sk, ...marks, event.type]),
  }));
}

/** An event before its id: `marks` name this version of the item among its others. */
type Draft = Omit<TypedDomainEvent, 'id'> & { marks: readonly string[] };

function draft<T extends DomainEventType>(
  type: T,
  fields: { orgId: string; occurredAt: string; subject: { kind: SubjectKind; id: string } },
  data: DomainEventData<T>,
  marks: readonly (string | number | undefined)[],
): Draft {
  return {
    type,
    ...fields,
    data,
    marks: marks.map((mark) => String(mark ?? '')),
  } as Draft;
}

/** `evt_` and 128 bits of a SHA-256 of what names the change. */
function eventId(parts: readonly string[]): string {
  return `evt_${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;
}

function leadEvents({ eventName, before, after, at }: TableChange): Draft[] {
  const was = leadImage(before);
  if (eventName === 'REMOVE') {
    // A running lead that is deleted stops; a stopped or completed one had its event already.
    if (!was?.id || !isRunning(was.enrollment.status)) return [];
    const occurredAt = at ?? was.updatedAt;
    if (!occurredAt) return [];
    const { runId, revision, sequenceId } = was.enrollment;
    return [
      draft(
        'lead.stopped',
        { orgId: was.orgId, occurredAt, subject: { kind: 'lead', id: was.id } },
        { leadId: was.id, sequenceId, reason: 'deleted' },
        [runId, revision, 'removed'],
      ),
    ];
  }
  const lead = leadImage(after);
  if (!lead?.id || !lead.updatedAt) return [];
  const fields = {
    orgId: lead.orgId,
    occurredAt: lead.updatedAt,
    subject: { kind: 'lead', id: lead.id },
  } as const;
  const is = lead.enrollment;
  const previous = was?.enrollment;
  const marks = [is.runId, is.revision];
  const events: Draft[] = [];
  const newRun = !previous || previous.runId !== is.runId || previous.sequenceId !== is.sequenceId;
  if (newRun && lead.assistantId) {
    events.push(
      draft(
        'lead.enrolled',
        fields,
        { leadId: lead.id, sequenceId: is.sequenceId, assistantId: lead.assistantId, runId: is.runId },
        marks,
      ),
    );
  }
  const ended = !isRunning(is.status) && (newRun || isRunning(previous?.status));
  if (ended && is.status === 'completed') {
    events.push(draft('lead.completed', fields, { leadId: lead.id, sequenceId: is.sequenceId }, marks));
  }
  if (ended && is.status === 'stopped') {
    events.push(
      draft(
        'lead.stopped',
        fields,
        // stop() always names its reason; a stop stored without one was a person's.
        { leadId: lead.id, sequenceId: is.sequenceId, reason: is.stopReason ?? 'manual' },
        marks,
      ),
    );
  }
  const snoozedAgain = newRun || previous?.status !== 'snoozed' || previous.snoozedUntil !== is.snoozedUntil;
  if (is.status === 'snoozed' && is.snoozedUntil && snoozedAgain) {
    events.push(
      draft(
        'lead.snoozed',
        fields,
        {
          leadId: lead.id,
          sequenceId: is.sequenceId,
          until: is.snoozedUntil,
          ...(is.nextSendAt && { nextStepAt: is.nextSendAt }),
        },
        marks,
      ),
    );
  }
  return events;
}

const isChannel = (value: unknown): value is Channel => (CHANNELS as readonly unknown[]).includes(value);

function sendEvents({ before, after }: TableChange): Draft[] {
  const send = sendImage(after);
  if (!send) return [];
  const outcome = outcomeOfSendChange(statusImage(before), send);
  const { leadId, runId, channel } = send;
  if (!outcome || !leadId || !runId || !isChannel(channel)) return [];
  const fields = { orgId: send.orgId, occurredAt: send.at, subject: { kind: 'lead', id: leadId } } as const;
  const stepFields = {
    leadId,
    ...(send.sequenceId !== undefined && { sequenceId: send.sequenceId }),
    ...(send.assistantId !== undefined && { assistantId: send.assistantId }),
    runId,
    step: send.stepIndex,
    channel,
  };
  const marks = [send.status, send.at];
  switch (outcome) {
    case 'sent':
      return [
        draft(
          'step.sent',
          fields,
          {
            ...stepFields,
            ...(send.providerMessageId !== undefined && { providerMessageId: send.providerMessageId }),
            ...(send.variant !== undefined && { variant: send.variant }),
          },
          marks,
        ),
      ];
    case 'skipped':
    case 'failed':
      return [draft(`step.${outcome}`, fields, { ...stepFields, ...reasonOf(send) }, marks)];
    default:
      return [];
  }
}

const reasonOf = (send: SendImage) => (send.reason !== undefined ? { reason: send.reason } : {});

const isReplyIntent = (value: unknown): value is ReplyIntent =>
  (REPLY_INTENTS as readonly unknown[]).includes(value);

function timelineEvents({ eventName, after }: TableChange): Draft[] {
  // An entry is written once; one rewritten by a repeated firing is the same event (the same id).
  const image = eventName === 'INSERT' ? eventImage(after) : undefined;
  if (!image) return [];
  const parsed = timelineEventSchema().safeParse({ kind: image.kind, at: image.at, detail: image.detail });
  if (!parsed.success) return [];
  // The union's output, narrowed per kind (the schema is built from the same table as the type).
  const entry = parsed.data as TimelineEvent;
  const fields = {
    orgId: image.orgId,
    occurredAt: entry.at,
    subject: { kind: 'lead', id: image.leadId },
  } as const;
  const leadId = image.leadId;
  switch (entry.kind) {
    case 'replied':
    case 'not_interested': {
      const { detail } = entry;
      const whatsApp = 'channel' in detail && detail.channel === 'whatsapp';
      // A "not interested" entry written before replies were read for their intent is that intent.
      const intent = detail.intent ?? (entry.kind === 'not_interested' ? 'not_interested' : undefined);
      return [
        draft(
          'lead.replied',
          fields,
          {
            leadId,
            channel: whatsApp ? 'whatsapp' : 'email',
            ...(isReplyIntent(intent) && { intent }),
            ...(detail.confidence !== undefined && { confidence: detail.confidence }),
            ...(detail.objection !== undefined && { objection: detail.objection }),
            ...(detail.action !== undefined && { action: detail.action }),
            ...(detail.until !== undefined && { until: detail.until }),
            ...(detail.messageId !== undefined && { messageId: detail.messageId }),
          },
          [],
        ),
      ];
    }
    case 'out_of_office': {
      const { detail } = entry;
      const until = detail.returnDate ?? detail.to;
      const nextStepAt = detail.to ?? detail.keptAt;
      return [
        draft(
          'lead.out_of_office',
          fields,
          { leadId, ...(until && { until }), ...(nextStepAt && { nextStepAt }) },
          [],
        ),
      ];
    }
    case 'bounced':
    case 'complained': {
      // A bounce read from a bounce message names no step; SES's events name the step and the address.
      const detail: { step?: number; address?: string; providerMessageId?: string } =
        'step' in entry.detail ? entry.detail : {};
      return [
        draft(
          entry.kind === 'bounced' ? 'lead.bounced' : 'lead.complained',
          fields,
          {
            leadId,
            ...(detail.step !== undefined && { step: detail.step }),
            ...(detail.address !== undefined && { address: detail.address }),
            ...(detail.providerMessageId !== undefined && { providerMessageId: detail.providerMessageId }),
          },
          [],
        ),
      ];
    }
    case 'unsubscribed':
      return [draft('lead.unsubscribed', fields, { leadId, via: entry.detail.via }, [])];
    case 'approval_requested': {
      const { step, approvalId, dueAt, timesOutAt } = entry.detail;
      return [draft('approval.requested', fields, { leadId, step, approvalId, dueAt, timesOutAt }, [])];
    }
    default:
      return [];
  }
}

function sequenceEvents({ eventName, before, after }: TableChange): Draft[] {
  if (eventName !== 'MODIFY') return [];
  const was = sequenceImage(before);
  const is = sequenceImage(after);
  if (!was || !is || was.version === is.version || !is.updatedAt) return [];
  // An edit that moves steps (or redrafts) queues a re-plan (the same test as engine/sequence-edits.ts): its event
  // waits for the re-plan's record, which knows how many leads moved (replanEvents below).
  if (editReplansLeads(was, is)) return [];
  return [
    draft(
      'sequence.changed',
      { orgId: is.orgId, occurredAt: is.updatedAt, subject: { kind: 'sequence', id: is.id } },
      { sequenceId: is.id, version: is.version, replanned: false, replannedLeads: 0 },
      [is.version],
    ),
  ];
}

/** A finished re-plan (data/replans.ts, written once per version): the edit that queued it, with its count. */
function replanEvents({ eventName, after }: TableChange): Draft[] {
  const replan = eventName === 'INSERT' ? replanImage(after) : undefined;
  if (!replan) return [];
  const { orgId, sequenceId, version, leads } = replan;
  return [
    draft(
      'sequence.changed',
      { orgId, occurredAt: replan.finishedAt, subject: { kind: 'sequence', id: sequenceId } },
      { sequenceId, version, replanned: true, replannedLeads: leads },
      [version],
    ),
  ];
}

function sendingStateEvents({ before, after }: TableChange): Draft[] {
  const state = sendingStateImage(after);
  if (!state?.since) return [];
  const paused = state.status === 'paused';
  // Every counted send rewrites the state: only a change of status is an event.
  if (paused === (sendingStateImage(before)?.status === 'paused')) return [];
  const { orgId, assistantId } = state.scope;
  const subject: { kind: SubjectKind; id: string } =
    assistantId === undefined ? { kind: 'org', id: orgId } : { kind: 'assistant', id: assistantId };
  const fields = { orgId, occurredAt: state.since, subject };
  const scope = {
    scope: assistantId === undefined ? 'org' : 'assistant',
    ...(assistantId !== undefined && { assistantId }),
  } as const;
  const marks = [state.status, state.since, state.epoch];
  if (!paused) return [draft('assistant.sending_resumed', fields, scope, marks)];
  const { cause } = state;
  return [
    draft(
      'assistant.sending_paused',
      fields,
      {
        ...scope,
        ...(state.reason !== undefined && { reason: state.reason }),
        ...(cause?.rate !== undefined && { rate: cause.rate }),
        ...(cause?.value !== undefined && { value: cause.value }),
        ...(cause?.threshold !== undefined && { threshold: cause.threshold }),
      },
      marks,
    ),
  ];
}

function importEvents({ before, after }: TableChange): Draft[] {
  const record = importImage(after);
  if (!record?.finishedAt || (record.status !== 'done' && record.status !== 'failed')) return [];
  if (statusImage(before)?.status === record.status) return [];
  const { id, orgId, status, total, created, failed, duplicates } = record;
  return [
    draft(
      'import.completed',
      { orgId, occurredAt: record.finishedAt, subject: { kind: 'import', id } },
      { importId: id, status, total, created, failed, duplicates },
      [status],
    ),
  ];
}
