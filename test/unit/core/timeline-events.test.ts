/**
 * Every kind of timeline event the engine writes is one the API contract describes, with its detail:
 * the writers' literal kinds are all in the table (lambdas/core/timeline-events.ts), none is computed,
 * and the published docs/openapi.json accepts an entry of each kind and refuses one of any other kind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  TIMELINE_EVENT_DETAILS,
  TIMELINE_EVENT_KINDS,
  type TimelineEventDetail,
  type TimelineEventKind,
} from '../../../lambdas/core/timeline-events';
import { SEND_ENTRY_KINDS, timelineEntrySchema } from '../../../lambdas/http/lead-views';
import { publishedDocument } from '../../support/contract-proxy';

/** What a timeline event is written through: the data module's append, and the listening use cases. */
const WRITERS =
  /\b(appendTimelineEvent|stopFollowUp|suppressAndStop|unsubscribeLead|postponeFollowUp|snoozeFollowUp)\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}
const writerFiles = sourceFiles('lambdas').filter((file) => WRITERS.test(readFileSync(file, 'utf8')));

/** One event of each kind, as its writer makes it; typed so that a kind added to the table needs one here. */
const AT = '2026-12-28T08:00:00.000Z';
const step = { step: 1, providerMessageId: 'ses-1' };
const reply = { messageId: '<r1@mail.example>', from: 'ada@example.com', subject: 'Re: hello' };
const SAMPLES: { [K in TimelineEventKind]: TimelineEventDetail<K> } = {
  replied: {
    ...reply,
    intent: 'not_now',
    confidence: 0.9,
    until: '2027-03-01T00:00:00.000Z',
    action: 'snooze',
  },
  not_interested: { ...reply, intent: 'not_interested', confidence: 0.95, action: 'stop_and_suppress' },
  unsubscribed: { via: 'link', channel: 'email' },
  bounced: { ...step, address: 'ada@example.com' },
  bounced_transiently: reply,
  complained: { ...step, address: 'ada@example.com' },
  delivery: step,
  whatsapp_delivered: step,
  whatsapp_read: step,
  whatsapp_switching_channel: step,
  out_of_office: {
    messageId: '<ooo@mail.example>',
    subject: 'Out of office',
    sender: 'ada@example.com',
    basis: 'return_date',
    returnDate: '2027-01-04T00:00:00.000Z',
    reason: 'Auto-reply: back on 2027-01-04',
    from: AT,
    to: '2027-01-04T08:00:00.000Z',
  },
  sending_paused: { step: 1, scope: 'assistant', reason: 'bounce rate 6%', until: AT },
  uncertain: { step: 1, reason: 'timeout', reconcileAt: AT },
  reconciled_not_sent: { step: 1, resending: true },
  reconciled_sent: { ...step, via: 'ses_event' },
  plan_repaired: { step: 1, overdueSince: AT, revision: 3 },
  referral_enrolled: { leadId: 'lead-2' },
  referral_skipped: { reason: 'no_email' },
  reply_intent_corrected: { from: 'other', to: 'not_now', action: 'snooze', by: 'alice' },
  snoozed: { until: '2027-02-28T23:00:00.000Z', by: 'reply', wakeAt: '2027-03-01T08:00:00.000Z' },
  woken: { by: 'schedule' },
  account_replied: { leadId: 'lead-3' },
  suppressed: { value: 'example.com', kind: 'domain', by: 'alice' },
  approval_requested: {
    step: 0,
    approvalId: 'bGVhZAo',
    dueAt: '2026-12-29T08:00:00.000Z',
    timesOutAt: '2027-01-05T08:00:00.000Z',
  },
  approval_decided: { step: 0, approvalId: 'bGVhZAo', decision: 'approved', by: 'alice', edited: true },
};

function publishedEntryValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  ajv.addSchema(publishedDocument() as object, 'openapi.json');
  const validate = ajv.getSchema('openapi.json#/components/schemas/TimelineEntry');
  if (!validate) throw new Error('docs/openapi.json has no TimelineEntry schema');
  return validate;
}

describe('timeline event kinds', () => {
  it('lists every kind the table gives a detail schema, once', () => {
    expect([...TIMELINE_EVENT_KINDS].sort()).toEqual(Object.keys(TIMELINE_EVENT_DETAILS()).sort());
    expect(new Set(TIMELINE_EVENT_KINDS).size).toBe(TIMELINE_EVENT_KINDS.length);
  });

  it('covers every kind the engine writes, and no writer computes one', () => {
    const written = new Set<string>();
    const computed: string[] = [];
    for (const file of writerFiles) {
      const source = readFileSync(file, 'utf8');
      for (const [, kind] of source.matchAll(/\bkind: '([a-z_]+)'/g)) written.add(kind as string);
      for (const [match] of source.matchAll(/\bkind: `[^`]*`/g)) computed.push(`${file}: ${match}`);
    }

    // The files found are the ones known to write events (the scan itself can fail)
    expect(writerFiles).toEqual(
      expect.arrayContaining([
        'lambdas/engine/send-step.ts',
        'lambdas/engine/inbound-mail.ts',
        'lambdas/engine/ses-feedback.ts',
        'lambdas/engine/whatsapp-callbacks.ts',
        'lambdas/engine/listening.ts',
        'lambdas/engine/snoozing.ts',
      ]),
    );
    expect(written.size).toBeGreaterThan(5);
    expect(
      [...written].filter((kind) => !(TIMELINE_EVENT_KINDS as readonly string[]).includes(kind)),
    ).toEqual([]);
    expect(computed).toEqual([]);
  });

  it.each(TIMELINE_EVENT_KINDS)('describes %s in the API schema and in docs/openapi.json', (kind) => {
    const entry = { kind, at: AT, detail: SAMPLES[kind] };

    expect(timelineEntrySchema().safeParse(entry).error).toBeUndefined();
    const validate = publishedEntryValidator();
    expect(validate(entry), JSON.stringify(validate.errors)).toBe(true);
  });

  it('describes the steps’ own entries, with why they went when they did', () => {
    const validate = publishedEntryValidator();
    for (const kind of SEND_ENTRY_KINDS) {
      const entry = {
        kind,
        at: AT,
        step: 1,
        channel: 'email',
        reasons: ['public_holiday', 'non_business_day'],
        holidays: [{ date: '2026-12-25', name: 'Christmas Day', country: 'DE' }],
      };
      expect(validate(entry), `${kind}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('refuses a kind it does not know, and a detail not of its kind', () => {
    const validate = publishedEntryValidator();
    const unknown = { kind: 'opened', at: AT, detail: step };
    const mismatched = { kind: 'plan_repaired', at: AT, detail: step };

    expect(timelineEntrySchema().safeParse(unknown).success).toBe(false);
    expect(validate(unknown)).toBe(false);
    expect(timelineEntrySchema().safeParse(mismatched).success).toBe(false);
    expect(validate(mismatched)).toBe(false);
  });
});
