/**
 * `npm run bench`: measures the send engine on the local stack and writes docs/performance.md.
 *
 * 1. requests per sent step (scheduler, provider, DynamoDB by operation), e-mail and WhatsApp;
 * 2. re-planning many active enrollments after a timing edit under a scheduler quota;
 * 3. warm API latency against DynamoDB Local, relative to one raw GetItem;
 * 4. fault tolerance: a three-step e-mail sequence with SES timeouts after acceptance and failed outcome
 *    writes (duplicates, lost steps, stuck leads). It runs second, before the re-plan leaves thousands of
 *    active leads whose schedules its clock moves would fire;
 * 5. importing 100,000 leads with POST /imports (rows/s, scheduler requests per lead, rows lost). It runs
 *    last: nothing moves the clock after it, so its leads' schedules never fire.
 *
 * The stack runs in this process, so the benchmark counts requests on the very AWS clients the
 * handlers created at module scope. Those modules read their environment when first imported, which
 * is why they are imported only once the stack is up. Not a test: it asserts nothing, it reports
 * (and says where a figure misses the floor the issue set).
 *
 * Options: --leads (200), --whatsapp-leads (50), --replan-leads (10000), --quota (100 requests/s),
 * --samples (300), --warmup (30), --faults-leads (200), --import-leads (100000), --import-quota
 * (1000 requests/s), --no-write (print only), --only imports (that measurement alone, printed only).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { localToken } from '../local/api-client';
import { currentFunction } from '../local/lambda-scope';
import { startLocalStack } from '../local/stack';
import { measureApiLatency } from './api-latency';
import { measureFaultTolerance } from './fault-tolerance';
import { measureImports } from './imports';
import { signIn } from './local-api';
import { measureReplanUnderQuota } from './replan-under-quota';
import { describeMachine, describeSource, renderImports, renderReport, writeReport } from './report';
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
    'faults-leads': { type: 'string', default: '200' },
    'import-leads': { type: 'string', default: '100000' },
    'import-quota': { type: 'string', default: '1000' },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
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
  faultsLeads: positive('faults-leads'),
  importLeads: positive('import-leads'),
  importQuota: positive('import-quota'),
};
if (values.only !== undefined && values.only !== 'imports') throw new Error('--only takes imports');
const extraArgs = process.argv.slice(2).join(' ');
const command = `npm run bench${extraArgs ? ` -- ${extraArgs}` : ''}`;

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/** Local Lambdas whose requests follow events and runs, not sends (see measure 1). */
const EVENT_AND_AUDIT = new Set(['sesEvents', 'planAuditor']);

/** The engine's module-scope AWS clients, each counted under the service name the report uses. */
async function instrumentEngineClients(counter: RequestCounter): Promise<void> {
  const [
    { db },
    { schedulerClient },
    { sesClient },
    { secretsClient },
    { sqsClient },
    { importQueueClient },
  ] = await Promise.all([
    import('../lambdas/data/client'),
    import('../lambdas/adapters/step-scheduler'),
    import('../lambdas/adapters/email-sender'),
    import('../lambdas/adapters/secrets'),
    import('../lambdas/adapters/replan-queue'),
    import('../lambdas/adapters/import-queue'),
  ]);
  // The document client shares its middleware stack with the DynamoDBClient it wraps.
  counter.instrument('DynamoDB', db.middlewareStack);
  counter.instrument('Scheduler', schedulerClient.middlewareStack);
  counter.instrument('SESv2', sesClient.middlewareStack);
  counter.instrument('SecretsManager', secretsClient.middlewareStack);
  counter.instrument('SQS', sqsClient.middlewareStack);
  counter.instrument('SQS', importQueueClient.middlewareStack);
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
    // A sent step's own requests: the sender's (and the API's, creating the leads). SES's Send event
    // consumer (one Query per e-mail) and the plan auditor (16 Queries per run) are reported apart.
    const sendingCounter = new RequestCounter(() => !EVENT_AND_AUDIT.has(currentFunction() ?? ''));
    await instrumentEngineClients(sendingCounter);
    const adminOf = (orgId: string) => signIn(stack.url, { orgId, userId: 'bench', role: 'admin' });
    const importLeads = () =>
      measureImports({
        stack,
        counter,
        signIn: adminOf,
        token: (orgId) => localToken(stack.url, { orgId, userId: 'bench', role: 'admin' }),
        rows: settings.importLeads,
        quota: settings.importQuota,
        log,
      });
    if (values.only === 'imports') {
      log(`importing ${settings.importLeads} leads at ${settings.importQuota} scheduler requests/s`);
      console.log(`\n${renderImports(await importLeads())}\n`);
      return;
    }

    log('1/5 requests per sent step');
    const steps = await measureRequestsPerStep({
      stack,
      counter: sendingCounter,
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

    log(
      `2/5 fault tolerance: ${settings.faultsLeads} leads, SES timeouts after acceptance, failed outcome writes`,
    );
    const faults = await measureFaultTolerance({
      stack,
      signIn: adminOf,
      leads: settings.faultsLeads,
      log,
    });
    log(
      `faults: ${faults.duplicates} duplicate(s), ${faults.lost} lost, ${faults.stuck} stuck, ` +
        `${faults.mismatches} mismatch(es); hits ${faults.rules.map((rule) => rule.hits).join('/')}`,
    );
    for (const example of faults.examples) log(`faults: ${JSON.stringify(example)}`);

    log('3/5 warm API latency');
    const latency = await measureApiLatency({
      counter,
      signIn: adminOf,
      warmup: settings.warmup,
      samples: settings.samples,
    });

    log(`4/5 re-planning ${settings.replanLeads} enrollments at ${settings.quota} scheduler requests/s`);
    const replan = await measureReplanUnderQuota({
      stack,
      counter,
      signIn: adminOf,
      leads: settings.replanLeads,
      quota: settings.quota,
      log,
    });

    log(`5/5 importing ${settings.importLeads} leads at ${settings.importQuota} scheduler requests/s`);
    const imports = await importLeads();
    log(`imports: ${imports.rowsPerSecond.toFixed(1)} rows/s, ${imports.check.lost} lost`);

    const block = renderReport({
      command,
      source,
      startedAt,
      totalMs: performance.now() - started,
      machine,
      steps,
      replan,
      latency,
      faults,
      imports,
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
