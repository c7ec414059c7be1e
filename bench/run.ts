/**
 * `npm run bench`: measures the send engine on the local stack and writes docs/performance.md.
 *
 * 1. requests per sent step (scheduler, provider, DynamoDB by operation), e-mail and WhatsApp;
 * 2. re-planning many active enrollments after a timing edit under a scheduler quota;
 * 3. warm API latency against DynamoDB Local, relative to one raw GetItem;
 * 4. fault tolerance: a three-step e-mail sequence with SES timeouts after acceptance and failed outcome
 *    writes (duplicates, lost steps, stuck leads). It runs second, before the re-plan leaves thousands of
 *    active leads whose schedules its clock moves would fire.
 * 5. lean Lambdas: each function's cold start (its synthesized bundle imported as Lambda imports it)
 *    against a floor bundle, and each read route's and POST /leads' warm latency against the raw
 *    DynamoDB requests it makes (bench/cold-start.ts, bench/route-latency.ts); its own block of the
 *    report, which `--only lean` rewrites alone;
 * 8. domain events and webhooks (bench/events.ts): events and PutEvents requests per sent step, their
 *    cost, and webhook delivery latency p50/p99 to 100 local receivers; its own block (`--only events`).
 *    It runs first, on January dates before every other measure's, and leaves nothing due.
 * 6. importing 10,000 leads with POST /imports (bench/imports.ts): rows/s, scheduler requests per lead,
 *    rows lost; its own block too (`--only imports`), one per size, so `--import-leads 100000` (about
 *    12 minutes on 2 cores alone) keeps its own figures beside the default's. It runs last: nothing
 *    moves the clock after it.
 *
 * The default run is sized to end within about ten minutes on two cores.
 *
 * The stack runs in this process, so the benchmark counts requests on the very AWS clients the
 * handlers created at module scope. Those modules read their environment when first imported, which
 * is why they are imported only once the stack is up. Not a test: it asserts nothing, it reports
 * (and says where a figure misses the floor the issue set).
 *
 * Options: --leads (200), --whatsapp-leads (50), --replan-leads (10000), --quota (100 requests/s),
 * --samples (300), --warmup (30), --faults-leads (200), --cold-runs (15 rounds, each a pair per function),
 * --route-samples (200), --import-leads (10000), --import-quota (1000 requests/s), --events-leads
 * (25), --events-endpoints (100), --only (comma-separated: engine for measures 1-4, lean for 5,
 * imports for 6, replies for 7, events for 8), --no-write (print only).
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { localToken } from '../local/api-client';
import { CUSTOMER_MAILBOXES, currentFunction } from '../local/lambda-scope';
import { startLocalStack } from '../local/stack';
import { measureApiLatency } from './api-latency';
import { measureColdStarts } from './cold-start';
import { measureEvents } from './events';
import { renderEventsReport, writeEventsReport } from './events-report';
import { measureFaultTolerance } from './fault-tolerance';
import { measureImports } from './imports';
import { DEFAULT_IMPORT_LEADS, renderImportsReport, writeImportsReport } from './imports-report';
import { renderLeanReport, writeLeanReport } from './lean-report';
import { signIn } from './local-api';
import { measureReplanUnderQuota } from './replan-under-quota';
import { measureReplyReading, renderRepliesReport, writeRepliesReport } from './replies-report';
import { describeMachine, describeSource, renderReport, writeReport } from './report';
import { RequestCounter, total } from './request-counter';
import { measureRequestsPerStep } from './requests-per-step';
import { measureRouteLatency } from './route-latency';

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
    'cold-runs': { type: 'string', default: '15' },
    'route-samples': { type: 'string', default: '200' },
    'import-leads': { type: 'string', default: String(DEFAULT_IMPORT_LEADS) },
    'import-quota': { type: 'string', default: '1000' },
    'events-leads': { type: 'string', default: '25' },
    'events-endpoints': { type: 'string', default: '100' },
    only: { type: 'string', default: 'events,engine,lean,imports,replies' },
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
  faultsLeads: positive('faults-leads'),
  coldRuns: positive('cold-runs'),
  routeSamples: positive('route-samples'),
  importLeads: positive('import-leads'),
  importQuota: positive('import-quota'),
  eventsLeads: positive('events-leads'),
  eventsEndpoints: positive('events-endpoints'),
};
const only = new Set(values.only.split(',').map((part) => part.trim()));
for (const part of only)
  if (!['engine', 'lean', 'imports', 'replies', 'events'].includes(part))
    throw new Error(`--only takes engine, lean, imports, replies and/or events, not ${part}`);
const extraArgs = process.argv.slice(2).join(' ');
const command = `npm run bench${extraArgs ? ` -- ${extraArgs}` : ''}`;

const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

/**
 * Local Lambdas whose requests follow events and runs, not sends (see measure 1): SES's Send-event
 * consumer, the stats consumer on the table's stream (~0.1 TransactWriteItems a step: its counters are
 * written per stream batch), the domain-event publisher on the same stream (~0.1 Query a step: an org's
 * webhooks, listed per stream batch) and the webhook worker, both measured by section 8, the plan
 * auditor; and the customers' mailboxes the local stack plays (which read the table to find an
 * assistant's forwarding rule).
 */
const EVENT_AND_AUDIT = new Set([
  'sesEvents',
  'outcomeCounter',
  'eventPublisher',
  'webhookWorker',
  'planAuditor',
  CUSTOMER_MAILBOXES,
]);

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
  counter.instrument('Scheduler', (await schedulerClient()).middlewareStack);
  counter.instrument('SESv2', sesClient.middlewareStack);
  counter.instrument('SecretsManager', (await secretsClient()).middlewareStack);
  counter.instrument('SQS', sqsClient.middlewareStack);
  counter.instrument('SQS', (await importQueueClient()).middlewareStack);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const started = performance.now();
  const machine = describeMachine();
  const source = describeSource();
  log(`starting the local stack (${JSON.stringify(settings)})`);
  // Cold starts first, before the local stack loads the machine: fresh processes, nothing else running.
  const coldStarts = only.has('lean')
    ? await measureColdStarts({ runs: settings.coldRuns, log: (line) => log(`cold start: ${line}`) })
    : undefined;
  const stack = await startLocalStack({ port: 0, background: false });
  try {
    const adminOf = (orgId: string) => signIn(stack.url, { orgId, userId: 'bench', role: 'admin' });
    if (only.has('events')) {
      log(`8/8 domain events: ${settings.eventsLeads} leads, ${settings.eventsEndpoints} webhook endpoints`);
      const events = await measureEvents({
        stack,
        signIn: adminOf,
        leads: settings.eventsLeads,
        endpoints: settings.eventsEndpoints,
        log,
      });
      const block = renderEventsReport({ command, source, startedAt, machine, events });
      console.log(`\n${block}\n`);
      if (!values['no-write']) {
        writeEventsReport(REPORT_PATH, block);
        log(`wrote the events block of ${REPORT_PATH}`);
      }
    }
    if (only.has('engine')) await measureEngine(stack, adminOf, { startedAt, started, machine, source });
    if (coldStarts) {
      log('5/5 warm routes against their raw requests');
      const routes = await measureRouteLatency({
        signIn: adminOf,
        warmup: settings.warmup,
        samples: settings.routeSamples,
        log: (line) => log(`warm: ${line}`),
      });
      const block = renderLeanReport({ command, source, startedAt, machine, coldStarts, routes });
      console.log(`\n${block}\n`);
      if (!values['no-write']) {
        writeLeanReport(REPORT_PATH, block);
        log(`wrote the lean block of ${REPORT_PATH}`);
      }
    }
    if (only.has('imports')) {
      log(`6/6 importing ${settings.importLeads} leads at ${settings.importQuota} scheduler requests/s`);
      const counter = new RequestCounter();
      await instrumentEngineClients(counter);
      const imports = await measureImports({
        stack,
        counter,
        signIn: adminOf,
        token: (orgId) => localToken(stack.url, { orgId, userId: 'bench', role: 'admin' }),
        rows: settings.importLeads,
        quota: settings.importQuota,
        log,
      });
      const block = renderImportsReport({ command, source, startedAt, machine, imports });
      console.log(`\n${block}\n`);
      if (!values['no-write']) {
        writeImportsReport(REPORT_PATH, settings.importLeads, block);
        log(`wrote the imports block of ${REPORT_PATH}`);
      }
    }
  } finally {
    await stack.stop();
  }
  if (only.has('replies')) {
    log('7/7 reading replies for their intent');
    const block = renderRepliesReport({ command, source, machine, measure: await measureReplyReading() });
    console.log(`\n${block}\n`);
    if (!values['no-write']) {
      writeRepliesReport(REPORT_PATH, block);
      log(`wrote the replies block of ${REPORT_PATH}`);
    }
  }
  log(`done in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
}

async function measureEngine(
  stack: Awaited<ReturnType<typeof startLocalStack>>,
  adminOf: (orgId: string) => ReturnType<typeof signIn>,
  run: { startedAt: Date; started: number; machine: ReturnType<typeof describeMachine>; source: string },
): Promise<void> {
  const { startedAt, started, machine, source } = run;
  const counter = new RequestCounter();
  await instrumentEngineClients(counter);
  // A sent step's own requests: the sender's (and the API's, creating the leads). SES's Send event
  // consumer (one Query per e-mail) and the plan auditor (16 Queries per run) are reported apart.
  const sendingCounter = new RequestCounter(() => !EVENT_AND_AUDIT.has(currentFunction() ?? ''));
  await instrumentEngineClients(sendingCounter);

  log('1/4 requests per sent step');
  const steps = await measureRequestsPerStep({
    stack,
    counter: sendingCounter,
    signIn: adminOf,
    leads: settings.leads,
    whatsAppLeads: settings.whatsAppLeads,
    log,
  });
  if (total(steps.creation.attempts) === 0) {
    throw new Error('No AWS request was counted: the handlers use other client instances than the benchmark');
  }

  log(
    `2/4 fault tolerance: ${settings.faultsLeads} leads, SES timeouts after acceptance, failed outcome writes`,
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

  log('3/4 warm API latency');
  const latency = await measureApiLatency({
    counter,
    signIn: adminOf,
    warmup: settings.warmup,
    samples: settings.samples,
  });

  log(`4/4 re-planning ${settings.replanLeads} enrollments at ${settings.quota} scheduler requests/s`);
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
    faults,
  });
  console.log(`\n${block}\n`);
  if (!values['no-write']) {
    writeReport(REPORT_PATH, block);
    log(`wrote ${REPORT_PATH}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
