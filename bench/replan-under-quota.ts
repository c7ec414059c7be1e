/**
 * Measurement 2: re-planning many active enrollments after a timing edit, against a scheduler that
 * throttles beyond a quota. The leads are created with no quota (creation goes through the scheduler
 * too), the quota is switched on, the sequence's pending step gets a new `afterDays`, and `settle()`
 * runs what AWS would: the stream hands the edit to sequence-changes, which queues a re-plan job, which
 * replan-worker works through page by page. Then every lead is checked: one schedule, named for its
 * current revision, due at its new time.
 */
import * as z from 'zod';
import { ENGINE_SETTINGS } from '../local/engine-stack';
import type { LocalStack } from '../local/stack';
import type { Api } from './local-api';
import { createAssistant, createLeads, createSequence, leadRow, type StepInput } from './org-setup';
import { type Counts, ofService, type RequestCounter, total } from './request-counter';

const DAY_MS = 24 * 3_600_000;
const PROGRESS_EVERY_MS = 10_000;

export interface ReplanResult {
  leads: number;
  /** The emulator's quota in requests per second. */
  quota: number;
  setup: {
    createMs: number;
    settleMs: number;
    /** `POST /leads/batch` calls that answered 200, and their mean and slowest wall time. */
    batchCalls: { count: number; meanMs: number; maxMs: number; timedOut: number };
  };
  /** From the PUT to the end of settle(). */
  wallMs: number;
  /** From the first to the last scheduler request of the re-plan. */
  schedulerWindowMs: number;
  schedulerAttempts: Counts;
  throttled: number;
  /** Scheduler requests the quota let through (attempts less throttles). */
  accepted: number;
  /** Scheduler attempts that failed otherwise, by `operation:ErrorName`. */
  schedulerErrors: Counts;
  /** Accepted requests per second over the scheduler window. */
  acceptedPerSecond: number;
  dynamodbAttempts: Counts;
  replanJobs: number;
  /** What is left on the re-plan queue afterwards (jobs that kept failing stay there). */
  queueLeft: { visible: number; inFlight: number; delayed: number };
  check: LeadCheck;
}

export interface LeadCheck {
  active: number;
  /** Leads whose plan or pending schedule is wrong or missing (see checkLeads); must be 0. */
  lost: number;
  /** Leads that have the right schedule and also a stale one (harmless: the sender ignores it). */
  withStaleSchedule: number;
  /** How many leads broke each expectation. */
  problems: Record<string, number>;
  examples: string[];
}

export interface ReplanOptions {
  stack: LocalStack;
  counter: RequestCounter;
  signIn: (orgId: string) => Promise<Api>;
  leads: number;
  quota: number;
  log: (line: string) => void;
}

const ORG = 'bench-replan';
const STEPS: StepInput[] = [
  { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
  { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
  { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'curious' },
];
/** The timing edit: the pending step (the first) moves from 0 to 1 day after enrollment. */
const RETIMED_STEPS = STEPS.map((step, index) => (index === 0 ? { ...step, afterDays: 1 } : step));

interface Plan {
  status: string;
  revision: number;
  sequenceVersion: number;
  nextSendAt?: string;
}

export async function measureReplanUnderQuota(options: ReplanOptions): Promise<ReplanResult> {
  const { stack, counter, log } = options;
  const { scheduler } = stack.engine;
  // Monday 08:00 in the assistant's UTC hours (06:00-22:00 daily): moving a step by a day keeps its time.
  stack.clock.set(new Date('2026-09-07T08:00:00Z'));
  const api = await options.signIn(ORG);
  const assistantId = await createAssistant(api, ORG);
  const sequence = await createSequence(api, 'Re-plan me', STEPS);
  const rows = Array.from({ length: options.leads }, (_, index) =>
    leadRow('replan', index, { assistantId, sequenceId: sequence.id }),
  );

  scheduler.setRequestsPerSecond(undefined);
  let started = performance.now();
  const created = await createLeads(api, rows, (count) => {
    if (count % 2000 === 0 || count === rows.length) {
      log(`  created ${count}/${rows.length} leads (${seconds(performance.now() - started)})`);
    }
  });
  const createMs = performance.now() - started;
  started = performance.now();
  await stack.settle(); // the creations' stream records, so the re-plan's settle sees only its own
  const settleMs = performance.now() - started;
  const before = await readPlans(stack);
  log(`  setup done: ${before.size} leads pending step 1; quota on: ${options.quota} scheduler requests/s`);

  scheduler.setRequestsPerSecond(options.quota);
  counter.reset();
  started = performance.now();
  const progress = setInterval(() => {
    const { attempts, throttled } = counter.snapshot();
    const sent = total(ofService(attempts, 'Scheduler'));
    const refused = total(ofService(throttled, 'Scheduler'));
    log(
      `  ${seconds(performance.now() - started)}: ${sent} scheduler requests, ${refused} throttled, ` +
        `~${Math.floor((sent - refused) / 2)} leads re-timed`,
    );
  }, PROGRESS_EVERY_MS);
  let summary: Awaited<ReturnType<LocalStack['settle']>>;
  try {
    await api.expect(
      200,
      z.unknown(),
      'PUT',
      `/sequences/${sequence.id}`,
      {
        name: 'Re-plan me',
        description: '',
        type: 'standard',
        steps: RETIMED_STEPS,
      },
      { 'if-match': `"${sequence.version}"` },
    );
    summary = await stack.settle();
  } finally {
    clearInterval(progress);
    scheduler.setRequestsPerSecond(undefined);
  }
  const wallMs = performance.now() - started;
  const counts = counter.snapshot();
  log(`  re-plan settled in ${seconds(wallMs)}; checking every lead`);

  const schedulerAttempts = ofService(counts.attempts, 'Scheduler');
  const throttled = total(ofService(counts.throttled, 'Scheduler'));
  const accepted = total(schedulerAttempts) - throttled;
  const schedulerWindowMs = counts.attemptWindowMs.Scheduler ?? 0;
  return {
    leads: options.leads,
    quota: options.quota,
    setup: {
      createMs,
      settleMs,
      batchCalls: {
        count: created.calls.length,
        meanMs: created.calls.reduce((sum, call) => sum + call.ms, 0) / Math.max(1, created.calls.length),
        maxMs: Math.max(0, ...created.calls.map((call) => call.ms)),
        timedOut: created.timedOutCalls,
      },
    },
    wallMs,
    schedulerWindowMs,
    schedulerAttempts,
    throttled,
    accepted,
    schedulerErrors: ofService(counts.errors, 'Scheduler'),
    acceptedPerSecond: schedulerWindowMs > 0 ? accepted / (schedulerWindowMs / 1000) : 0,
    dynamodbAttempts: ofService(counts.attempts, 'DynamoDB'),
    replanJobs: summary.queueMessages,
    queueLeft: stack.engine.sqs.counts(ENGINE_SETTINGS.replanQueue),
    check: checkLeads(stack, before, await readPlans(stack), sequence.version + 1),
  };
}

/** Every lead of the org with its plan, read from the table (consistent reads, not the index). */
async function readPlans(stack: LocalStack): Promise<Map<string, Plan>> {
  const { listLeads } = await import('../lambdas/data/leads');
  const plans = new Map<string, Plan>();
  let cursor: string | undefined;
  do {
    const page = await listLeads(ORG, {}, cursor, 1000);
    for (const lead of page.items) plans.set(lead.id, lead.enrollment);
    cursor = page.cursor;
  } while (cursor);
  if (plans.size === 0) throw new Error(`No leads in ${ORG}; is ${stack.url} the stack that created them?`);
  return plans;
}

const ScheduleInput = z.object({ leadId: z.string(), revision: z.number().int() });

/**
 * What "no enrollment lost" means here: each lead is still active on the new sequence version, its
 * pending step moved by exactly one day, and the scheduler holds exactly one schedule for it, named
 * for its current revision, due at its new time, and carrying that revision.
 */
function checkLeads(
  stack: LocalStack,
  before: ReadonlyMap<string, Plan>,
  after: ReadonlyMap<string, Plan>,
  newVersion: number,
): LeadCheck {
  const schedulesByLead = new Map<string, Array<{ name: string; dueAt?: Date; revision?: number }>>();
  for (const schedule of stack.engine.scheduler.schedules()) {
    if (schedule.fired) continue;
    const input = ScheduleInput.safeParse(JSON.parse(schedule.Target.Input ?? '{}'));
    if (!input.success || !before.has(input.data.leadId)) continue;
    const list = schedulesByLead.get(input.data.leadId) ?? [];
    list.push({ name: schedule.Name, dueAt: schedule.dueAt, revision: input.data.revision });
    schedulesByLead.set(input.data.leadId, list);
  }

  const problems: Record<string, number> = {};
  const examples: string[] = [];
  let lost = 0;
  let active = 0;
  let withStaleSchedule = 0;
  const note = (leadId: string, found: string[]) => {
    for (const problem of found) problems[problem] = (problems[problem] ?? 0) + 1;
    if (examples.length < 5) examples.push(`${leadId}: ${found.join('; ')}`);
  };
  for (const [leadId, old] of before) {
    const plan = after.get(leadId);
    const schedules = schedulesByLead.get(leadId) ?? [];
    const found: string[] = [];
    if (!plan) found.push('lead missing');
    else {
      if (plan.status === 'active') active += 1;
      else found.push(`status ${plan.status}`);
      if (plan.sequenceVersion !== newVersion) found.push('not re-planned to the new version');
      const expected = old.nextSendAt && new Date(Date.parse(old.nextSendAt) + DAY_MS).toISOString();
      if (plan.nextSendAt !== expected) found.push('nextSendAt not moved by one day');
      const current = schedules.filter((each) => each.name.startsWith(`lead-${leadId}-r${plan.revision}-`));
      if (current.length !== 1) found.push('no schedule for the current revision');
      else if (current[0]?.dueAt?.toISOString() !== plan.nextSendAt) found.push('schedule not at nextSendAt');
      else if (current[0]?.revision !== plan.revision) found.push('schedule input carries another revision');
    }
    if (found.length > 0) {
      lost += 1;
      note(leadId, found);
    } else if (schedules.length > 1) {
      withStaleSchedule += 1;
      note(leadId, ['a stale schedule is left beside the current one']);
    }
  }
  return { active, lost, withStaleSchedule, problems, examples };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
