/**
 * `npm run bench`: measures the send engine on the local stack and writes docs/performance.md.
 *
 * 1. requests per sent step (scheduler, provider, DynamoDB by operation), e-mail and WhatsApp;
 * 2. re-planning many active enrollments after a timing edit under a scheduler quota;
 * 3. warm API latency against DynamoDB Local, relative to one raw GetItem.
 *
 * The stack runs in this process, so the benchmark counts requests on the very AWS clients the
 * handlers created at module scope. Those modules read their environment when first imported, which
 * is why they are imported only once the stack is up. Not a test: it asserts nothing, it reports
 * (and says where a figure misses the floor the issue set).
 *
 * Options: --leads (200), --whatsapp-leads (50), --replan-leads (10000), --quota (100 requests/s),
 * --samples (300), --warmup (30), --no-write (print only).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLocalStack } from '../local/stack';
import { measureApiLatency } from './api-latency';
import { signIn } from './local-api';
import { measureReplanUnderQuota } from './replan-under-quota';
import { describeMachine, describeSource, renderReport, writeReport } from './report';
import { RequestCounter, total } from './request-counter';
import { measureRequestsPerStep } from './requests-per-step';

const REPORT_PATH = fileURLToPath(new URL('../docs/performance.md', import.meta.url));

const { values } = parseArgs({
  options: {
    leads: { type: 'string', default: '200' },
    'whatsapp-leads': { type: 'string', default: '50' },
    'replan-leads': { type: 'string', default: '10000' },
    quota: { type: 'string', default: '100' },
    samples: { type: 'string', default: '300' },
    warmup: { type: 'string', default: '30' },
    'no-write': { type: 'boolean', default: false },
  },
});

function positive(name: keyof typeof values): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

const settings = {
  leads: positive('leads'),
  whatsAppLeads: positive('whatsapp-leads'),
  replanLeads: positive('replan-leads'),
  quota: positive('quota'),
  samples: positive('samples'),
  warmup: positive('warmup'),
};
const extraArgs = process.argv.slice(2).join(' ');
const command = `npm run bench${extraArgs ? ` -- ${extraArgs}` : ''}`;

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** The engine's module-scope AWS clients, each counted under the service name the report uses. */
async function instrumentEngineClients(counter: RequestCounter): Promise<void> {
  const [{ db }, { schedulerClient }, { sesClient }, { secretsClient }, { sqsClient }] = await Promise.all([
    import('../lambdas/data/client'),
    import('../lambdas/adapters/step-scheduler'),
    import('../lambdas/adapters/email-sender'),
    import('../lambdas/adapters/secrets'),
    import('../lambdas/adapters/replan-queue'),
  ]);
  // The document client shares its middleware stack with the DynamoDBClient it wraps.
  counter.instrument('DynamoDB', db.middlewareStack);
  counter.instrument('Scheduler', schedulerClient.middlewareStack);
  counter.instrument('SESv2', sesClient.middlewareStack);
  counter.instrument('SecretsManager', secretsClient.middlewareStack);
  counter.instrument('SQS', sqsClient.middlewareStack);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const machine = describeMachine();
  const source = describeSource();
  log(`starting the local stack (${JSON.stringify(settings)})`);
  const stack = await startLocalStack({ port: 0, background: false });
  try {
    const counter = new RequestCounter();
    await instrumentEngineClients(counter);
    const adminOf = (orgId: string) => signIn(stack.url, { orgId, userId: 'bench', role: 'admin' });

    log('1/3 requests per sent step');
    const steps = await measureRequestsPerStep({
      stack,
      counter,
      signIn: adminOf,
      leads: settings.leads,
      whatsAppLeads: settings.whatsAppLeads,
      log,
    });
    if (total(steps.creation.attempts) === 0) {
      throw new Error(
        'No AWS request was counted: the handlers use other client instances than the benchmark',
      );
    }

    log('2/3 warm API latency');
    const latency = await measureApiLatency({
      counter,
      signIn: adminOf,
      warmup: settings.warmup,
      samples: settings.samples,
    });

    log(`3/3 re-planning ${settings.replanLeads} enrollments at ${settings.quota} scheduler requests/s`);
    const replan = await measureReplanUnderQuota({
      stack,
      counter,
      signIn: adminOf,
      leads: settings.replanLeads,
      quota: settings.quota,
      log,
    });

    const block = renderReport({
      command,
      source,
      startedAt,
      totalMs: performance.now() - started,
      machine,
      steps,
      replan,
      latency,
    });
    console.log(`\n${block}\n`);
    if (!values['no-write']) {
      writeReport(REPORT_PATH, block);
      log(`wrote ${REPORT_PATH}`);
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
