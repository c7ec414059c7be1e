/**
 * Measurement 5: importing many leads with `POST /imports`. The rows are posted as CSV, split into as
 * many imports as the 5 MB request limit needs (as the README tells a team to), under the scheduler
 * emulator's quota; `settle()` then runs what AWS would: the import worker off the queue, page after
 * page. Then every row is checked: one lead per row, active on the sequence, with one schedule named
 * for its current revision and due at its next send.
 */
import * as z from 'zod';
import { MAX_IMPORT_BODY_BYTES } from '../lambdas/core/import-rows';
import { ENGINE_SETTINGS } from '../local/engine-stack';
import type { LocalStack } from '../local/stack';
import type { Api } from './local-api';
import { createAssistant, createEmailMessage, createSequence, type StepInput } from './org-setup';
import { type Counts, ofService, type RequestCounter, total } from './request-counter';

const PROGRESS_EVERY_MS = 15_000;
const ORG = 'bench-import';

export interface ImportResult {
  rows: number;
  /** The emulator's scheduler quota in requests per second while the rows were worked. */
  quota: number;
  /** How many imports (requests) the rows took under the 5 MB limit, and their bytes in all. */
  imports: number;
  csvBytes: number;
  /** From the first POST to the queue being empty. */
  wallMs: number;
  rowsPerSecond: number;
  /** Summed over the imports' records. */
  counted: { created: number; duplicates: number; failed: number; done: number };
  schedulerAttempts: Counts;
  throttled: number;
  dynamodbAttempts: Counts;
  importJobs: number;
  /** What is left on the import queue afterwards (jobs that kept failing stay there). */
  queueLeft: { visible: number; inFlight: number; delayed: number };
  check: { leads: number; active: number; lost: number; problems: Record<string, number> };
}

export interface ImportOptions {
  stack: LocalStack;
  counter: RequestCounter;
  signIn: (orgId: string) => Promise<Api>;
  token: (orgId: string) => Promise<string>;
  rows: number;
  quota: number;
  log: (line: string) => void;
}

/** A custom first e-mail (every row has the company it names), then two generated follow-ups. */
const steps = (messageId: string): StepInput[] => [
  { afterDays: 0, channel: 'email', messageType: 'custom', messageId },
  { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
  { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'curious' },
];

const ImportView = z.object({
  id: z.string(),
  status: z.string(),
  total: z.number(),
  created: z.number(),
  duplicates: z.number(),
  failed: z.number(),
});

export async function measureImports(options: ImportOptions): Promise<ImportResult> {
  const { stack, counter, log } = options;
  // Monday 08:00 in the assistant's UTC hours: every first step is due at once, nothing waits a weekend.
  stack.clock.set(new Date('2026-10-05T08:00:00Z'));
  const api = await options.signIn(ORG);
  const token = await options.token(ORG);
  const assistantId = await createAssistant(api, ORG);
  const messageId = await createEmailMessage(api, 'Import intro');
  const sequence = await createSequence(api, 'Imported', steps(messageId));
  const bodies = csvBodies(options.rows);
  const csvBytes = bodies.reduce((sum, body) => sum + Buffer.byteLength(body), 0);

  stack.engine.scheduler.setRequestsPerSecond(options.quota);
  counter.reset();
  const started = performance.now();
  const ids: string[] = [];
  const progress = setInterval(() => {
    const { attempts } = counter.snapshot();
    const schedules = total(ofService(attempts, 'Scheduler'));
    log(`  ${seconds(performance.now() - started)}: ${schedules} scheduler requests`);
  }, PROGRESS_EVERY_MS);
  let summary: Awaited<ReturnType<LocalStack['settle']>>;
  try {
    for (const body of bodies) {
      const answer = await fetch(
        `${stack.url}/imports?assistantId=${assistantId}&sequenceId=${sequence.id}`,
        { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body },
      );
      const accepted = z.object({ id: z.string(), status: z.literal('queued') }).parse(await answer.json());
      ids.push(accepted.id);
    }
    log(
      `  ${ids.length} import(s) accepted (${(csvBytes / 1024 / 1024).toFixed(1)} MB of CSV); working them`,
    );
    summary = await stack.settle();
  } finally {
    clearInterval(progress);
    stack.engine.scheduler.setRequestsPerSecond(undefined);
  }
  const wallMs = performance.now() - started;
  const counts = counter.snapshot();
  log(`  imported in ${seconds(wallMs)}; checking every lead`);

  const records = await Promise.all(
    ids.map(async (id) => api.expect(200, ImportView, 'GET', `/imports/${id}`)),
  );
  const counted = {
    created: records.reduce((sum, record) => sum + record.created, 0),
    duplicates: records.reduce((sum, record) => sum + record.duplicates, 0),
    failed: records.reduce((sum, record) => sum + record.failed, 0),
    done: records.filter((record) => record.status === 'done').length,
  };
  return {
    rows: options.rows,
    quota: options.quota,
    imports: ids.length,
    csvBytes,
    wallMs,
    rowsPerSecond: options.rows / (wallMs / 1000),
    counted,
    schedulerAttempts: ofService(counts.attempts, 'Scheduler'),
    throttled: total(ofService(counts.throttled, 'Scheduler')),
    dynamodbAttempts: ofService(counts.attempts, 'DynamoDB'),
    importJobs: summary.queueMessages,
    queueLeft: stack.engine.sqs.counts(ENGINE_SETTINGS.importQueue),
    check: await checkLeads(stack, options.rows, sequence.id),
  };
}

/** The rows as CSV bodies, each under the import limit; every row names a distinct address and a company. */
function csvBodies(rows: number): string[] {
  const header = 'firstName,lastName,email,company';
  const bodies: string[] = [];
  let lines: string[] = [header];
  let bytes = header.length + 1;
  for (let index = 0; index < rows; index += 1) {
    const line = `Lead${index},Bench,import-${index}@leads.bench.example,Company ${index % 97}`;
    if (bytes + line.length + 1 > MAX_IMPORT_BODY_BYTES) {
      bodies.push(lines.join('\n'));
      lines = [header];
      bytes = header.length + 1;
    }
    lines.push(line);
    bytes += line.length + 1;
  }
  bodies.push(lines.join('\n'));
  return bodies;
}

/**
 * A row counts as lost unless its lead exists, is active on the sequence with its first step pending,
 * and the scheduler holds a schedule named for its current revision, due at that step's time.
 */
async function checkLeads(stack: LocalStack, rows: number, sequenceId: string) {
  const { listLeads } = await import('../lambdas/data/leads');
  const pending = new Map<string, Date | undefined>();
  for (const schedule of stack.engine.scheduler.schedules()) {
    if (!schedule.fired) pending.set(schedule.Name.replace(/-[0-9a-f]{8}$/, ''), schedule.dueAt);
  }
  const problems: Record<string, number> = {};
  const note = (problem: string) => {
    problems[problem] = (problems[problem] ?? 0) + 1;
  };
  let leads = 0;
  let active = 0;
  let fine = 0;
  let cursor: string | undefined;
  do {
    const page = await listLeads(ORG, {}, cursor, 1000);
    for (const lead of page.items) {
      leads += 1;
      const plan = lead.enrollment;
      if (plan.status !== 'active') {
        note(`status ${plan.status}`);
        continue;
      }
      active += 1;
      const dueAt = pending.get(`lead-${lead.id}-r${plan.revision}`);
      if (plan.sequenceId !== sequenceId) note('on another sequence');
      else if (!dueAt) note('no schedule for the current revision');
      else if (dueAt.toISOString() !== plan.nextSendAt) note('schedule not at nextSendAt');
      else fine += 1;
    }
    cursor = page.cursor;
  } while (cursor);
  return { leads, active, lost: rows - fine, problems };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
