/**
 * Measurement 4: does a send survive the provider's and the table's faults without a duplicate, a lost
 * step or a stuck lead? Leads go on the three-step e-mail sequence of measurement 1 (a custom first
 * e-mail, two generated follow-ups) in their own org, with two fault rules on the engine's clients:
 * a share of SES `SendEmail` calls time out after SES accepted them (the e-mail went out, the sender
 * does not know), and a share of the first DynamoDB write after a provider call (the outcome write)
 * fails on every SDK attempt. The clock then moves through the whole sequence, step by step and a day
 * more, and the plan auditor runs once more at the end.
 *
 * What was sent is read from the SES emulator, not from the engine: every e-mail carries the EmailTag
 * `sendId`, stable per (lead, run, step), so the e-mails per step are the outbox items with that step's
 * sendId (computed from the lead's run as the sender does). What the engine believes is read from the
 * table (status, run, next send) and the API (each lead's timeline).
 */
import * as z from 'zod';
import type { LocalStack } from '../local/stack';
import type { Api } from './local-api';
import { createAssistant, createEmailMessage, createLeads, createSequence, leadRow } from './org-setup';

const ORG = 'bench-faults';
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
const STEPS = 3;
/** As the engine's reconciliation window (cdk.json's followup:reconcileWindowMinutes). */
const STUCK_AFTER_MS = 15 * MINUTE_MS;
const EVENT_KINDS = ['uncertain', 'reconciled_sent', 'reconciled_not_sent', 'plan_repaired'] as const;

export const FAULT_RULES = [
  { service: 'ses', operation: 'SendEmail', fault: 'timeout-after-accept', rate: 0.05 },
  { service: 'dynamodb', fault: 'error', afterProviderCall: true, rate: 0.02 },
] as const;

const Timeline = z.object({
  items: z.array(
    z.looseObject({
      kind: z.string(),
      at: z.string(),
      step: z.number().int().optional(),
      reason: z.string().optional(),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  next: z.looseObject({ step: z.number().int(), at: z.string() }).optional(),
});

export interface FaultRuleHits {
  rule: string;
  hits: number;
}

/** One (lead, step) or lead that the measurement counts against the engine, with what it shows. */
export interface FaultExample {
  problem: 'duplicate' | 'lost' | 'stuck' | 'mismatch';
  leadId: string;
  email: string;
  step?: number;
  emails?: number;
  status: string;
  nextSendAt?: string;
  /** The lead's timeline, one `kind[@step]` per entry, oldest first. */
  timeline: string[];
}

export interface FaultToleranceResult {
  leads: number;
  rules: FaultRuleHits[];
  /** E-mails the SES emulator stored for this org's leads. */
  emails: number;
  /** (lead, step) pairs: steps*leads. */
  pairs: number;
  /** Pairs with exactly one e-mail. */
  sentOnce: number;
  /** sendIds with more than one e-mail, and the e-mails beyond the first. */
  duplicates: number;
  extraEmails: number;
  /** Pairs never sent while the lead is completed/stopped and the step has no failed/skipped record. */
  lost: number;
  /** Pairs never sent with a failed or skipped record (the engine says so: not lost). */
  recordedNotSent: number;
  /** Pairs whose e-mail went out but whose timeline has no `sent` for the step. */
  mismatches: number;
  /** Active leads whose nextSendAt is more than 15 minutes in the past. */
  stuck: number;
  statuses: Record<string, number>;
  events: Record<(typeof EVENT_KINDS)[number], number>;
  /** E-mails to this org's leads without a known sendId tag (should be none). */
  untagged: number;
  /** Scheduler dead letters during the measurement. */
  deadLetters: number;
  examples: FaultExample[];
  endedAt: string;
}

export interface FaultToleranceOptions {
  stack: LocalStack;
  signIn: (orgId: string) => Promise<Api>;
  leads: number;
  log: (line: string) => void;
}

export async function measureFaultTolerance(options: FaultToleranceOptions): Promise<FaultToleranceResult> {
  const { stack, log } = options;
  const engine = stack.engine;
  // Start at the next 09:00 UTC: the assistant sends 06:00-22:00 every day, so no step is deferred.
  const now = stack.clock.now().getTime();
  let start = Math.floor(now / DAY_MS) * DAY_MS + 9 * HOUR_MS;
  if (start <= now) start += DAY_MS;
  await stack.advance(start - now);

  const api = await options.signIn(ORG);
  const assistantId = await createAssistant(api, ORG);
  const introId = await createEmailMessage(api, 'Intro');
  const sequence = await createSequence(api, 'Three e-mails under faults', [
    { afterDays: 0, channel: 'email', messageType: 'custom', messageId: introId },
    { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
    { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'curious' },
  ]);
  const target = { assistantId, sequenceId: sequence.id };
  const rows = Array.from({ length: options.leads }, (_, index) => leadRow('faults', index, target));
  const { ids } = await createLeads(api, rows);
  await stack.settle();
  log(`created ${ids.length} leads on a three-step e-mail sequence`);

  const deadLettersBefore = engine.scheduler.deadLetters.length;
  engine.faults.clear();
  const added = engine.faults.add({ rules: FAULT_RULES });
  if (!added.ok) throw new Error(`Fault rules refused: ${JSON.stringify(added.issues)}`);
  let rules: FaultRuleHits[];
  try {
    const advances: Array<[string, number]> = [
      ['step 1', HOUR_MS],
      ['step 2', 2 * DAY_MS],
      ['step 3', 3 * DAY_MS],
      ['one more day', DAY_MS],
      ['30 minutes', 30 * MINUTE_MS],
    ];
    for (const [label, ms] of advances) {
      const { fired } = await stack.advance(ms);
      log(`faults: advanced ${label}, ${fired} schedules fired`);
    }
    const audit = await engine.audit();
    log(`faults: final audit ${JSON.stringify(audit)}`);
  } finally {
    rules = engine.faults.list().items.map((rule) => ({ rule: describeRule(rule), hits: rule.hits }));
    engine.faults.clear();
  }
  return inspect(options, ids, rules, engine.scheduler.deadLetters.length - deadLettersBefore);
}

function describeRule(rule: {
  service: string;
  operation?: string;
  fault: string;
  rate?: number;
  afterProviderCall?: boolean;
}): string {
  const where = `${rule.service}${rule.operation ? ` ${rule.operation}` : ''}`;
  const after = rule.afterProviderCall ? ' (first write after a provider call)' : '';
  const rate = rule.rate === undefined ? '' : ` at ${rule.rate * 100} %`;
  return `${where} ${rule.fault}${after}${rate}`;
}

async function inspect(
  options: FaultToleranceOptions,
  ids: string[],
  rules: FaultRuleHits[],
  deadLetters: number,
): Promise<FaultToleranceResult> {
  const { stack } = options;
  // Imported late, as the handlers are: the data modules read the table's environment at import.
  const [{ getLead }, { sendIdOf }] = await Promise.all([
    import('../lambdas/data/leads'),
    import('../lambdas/core/sends'),
  ]);
  const api = await options.signIn(ORG);
  const nowMs = stack.clock.now().getTime();

  const outbox = (await stack.engine.outbox.items()).filter((item) => item.channel === 'email');
  const emailsBySendId = new Map<string, number>();
  const orgAddresses = new Set<string>();
  for (const item of outbox) {
    const sendId = item.tags?.sendId;
    if (sendId) emailsBySendId.set(sendId, (emailsBySendId.get(sendId) ?? 0) + 1);
  }

  const result: FaultToleranceResult = {
    leads: ids.length,
    rules,
    emails: 0,
    pairs: ids.length * STEPS,
    sentOnce: 0,
    duplicates: 0,
    extraEmails: 0,
    lost: 0,
    recordedNotSent: 0,
    mismatches: 0,
    stuck: 0,
    statuses: {},
    events: { uncertain: 0, reconciled_sent: 0, reconciled_not_sent: 0, plan_repaired: 0 },
    untagged: 0,
    deadLetters,
    examples: [],
    endedAt: new Date(nowMs).toISOString(),
  };
  const knownSendIds = new Set<string>();

  for (const id of ids) {
    const lead = await getLead(ORG, id);
    if (!lead) throw new Error(`Lead ${id} is gone`);
    const email = lead.email ?? id;
    orgAddresses.add(email.toLowerCase());
    const { status, runId, nextSendAt } = lead.enrollment;
    result.statuses[status] = (result.statuses[status] ?? 0) + 1;
    const timeline = await api.expect(200, Timeline, 'GET', `/leads/${id}/timeline`);
    for (const item of timeline.items) {
      if ((EVENT_KINDS as readonly string[]).includes(item.kind)) {
        result.events[item.kind as (typeof EVENT_KINDS)[number]] += 1;
      }
    }
    const timelineText = timeline.items.map(
      (item) =>
        `${item.at.slice(5, 16)} ${item.kind}${item.step === undefined ? '' : `@${item.step}`}` +
        `${item.reason ? ` (${item.reason})` : ''}${item.detail ? ` ${JSON.stringify(item.detail)}` : ''}`,
    );
    const example = (problem: FaultExample['problem'], step?: number, emails?: number): FaultExample => ({
      problem,
      leadId: id,
      email,
      ...(step === undefined ? {} : { step }),
      ...(emails === undefined ? {} : { emails }),
      status,
      ...(nextSendAt ? { nextSendAt } : {}),
      timeline: timelineText,
    });

    for (let step = 0; step < STEPS; step += 1) {
      const sendId = sendIdOf(ORG, id, runId, step);
      knownSendIds.add(sendId);
      const emails = emailsBySendId.get(sendId) ?? 0;
      result.emails += emails;
      const records = timeline.items.filter((item) => item.step === step).map((item) => item.kind);
      if (emails === 1) result.sentOnce += 1;
      if (emails > 1) {
        result.duplicates += 1;
        result.extraEmails += emails - 1;
        result.examples.push(example('duplicate', step, emails));
      }
      if (emails > 0 && !records.includes('sent')) {
        result.mismatches += 1;
        result.examples.push(example('mismatch', step, emails));
      }
      if (emails === 0 && status !== 'active') {
        if (records.includes('failed') || records.includes('skipped')) result.recordedNotSent += 1;
        else {
          result.lost += 1;
          result.examples.push(example('lost', step, 0));
        }
      }
    }
    if (status === 'active' && nextSendAt && new Date(nextSendAt).getTime() < nowMs - STUCK_AFTER_MS) {
      result.stuck += 1;
      result.examples.push(example('stuck'));
    }
  }
  for (const item of outbox) {
    const sendId = item.tags?.sendId;
    const ours = item.to
      .split(',')
      .map((address) => address.trim().toLowerCase())
      .some((address) => orgAddresses.has(address));
    if (ours && (!sendId || !knownSendIds.has(sendId))) result.untagged += 1;
  }
  return result;
}
