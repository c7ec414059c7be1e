/**
 * What the engine costs in dollars, from the request counts `npm run bench` measures. Pure: a price
 * table (us-east-1 list prices, each with its source and the date it was read), the assumptions that
 * turn requests into billed units (capacity units, GB-seconds, log bytes), and the arithmetic. The
 * bench prints the per-step line with it; `npm run cost-doc` writes docs/cost.md's tables with it.
 */

/** One list price: dollars per `unit`, where it was read, and when. */
export interface Price {
  usd: number;
  unit: string;
  source: string;
}

export const PRICES_REGION = 'us-east-1 (US East, N. Virginia)';
export const PRICES_READ_ON = '2026-11-29';

export const PRICES = {
  lambdaRequest: {
    usd: 0.2 / 1e6,
    unit: 'request',
    source: 'https://git.mcrn.ar/mariano/lambda_local_runner (docs/lambdas-md/lambda-13-cost.md)',
  },
  lambdaArmGbSecond: {
    usd: 0.0000133334,
    unit: 'GB-second (Arm, first 7.5 billion)',
    source: 'https://cloudchipr.com/blog/aws-lambda-pricing',
  },
  dynamodbWriteUnit: {
    usd: 0.625 / 1e6,
    unit: 'write request unit (on-demand)',
    source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
  },
  dynamodbReadUnit: {
    usd: 0.125 / 1e6,
    unit: 'read request unit (on-demand)',
    source: 'https://airbyte.com/data-engineering-resources/dynamodb-pricing',
  },
  schedulerInvocation: {
    usd: 1 / 1e6,
    unit: 'schedule invocation',
    source: 'https://cloudburn.io/blog/amazon-eventbridge-pricing',
  },
  sesEmail: {
    usd: 0.1 / 1000,
    unit: 'e-mail sent (pay as you go)',
    source: 'https://www.acecloudinterviews.com/tutorials/aws/ses/',
  },
  sqsRequest: {
    usd: 0.4 / 1e6,
    unit: 'request (standard queue, 64 KB chunk)',
    source: 'https://cloudburn.io/blog/amazon-sqs-pricing',
  },
  logsIngestedGb: {
    usd: 0.5,
    unit: 'GB of logs ingested',
    source: 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/',
  },
  customMetricMonth: {
    usd: 0.3,
    unit: 'custom metric-month (first 10,000)',
    source: 'https://signoz.io/guides/cloudwatch-pricing',
  },
  alarmMetricMonth: {
    usd: 0.1,
    unit: 'standard-resolution alarm metric-month',
    source:
      'https://github.com/nishinoshake/aws-rough/issues/37 (value not shown in the excerpt read; see docs/cost.md)',
  },
  dashboardMonth: {
    usd: 3,
    unit: 'dashboard-month',
    source: 'https://www.factualminds.com/blog/amazon-cloudwatch-pricing-metrics-logs-alarms-dashboards/',
  },
  secretMonth: {
    usd: 0.4,
    unit: 'secret-month',
    source: 'https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms',
  },
  secretsApiCall: {
    usd: 0.05 / 10_000,
    unit: 'API call',
    source: 'https://hivebook.wiki/wiki/aws-secrets-manager-rotated-secrets-dynamic-db-credentials-kms',
  },
  httpApiRequest: {
    usd: 1 / 1e6,
    unit: 'HTTP API request (first 300 million)',
    source: 'https://awsforengineers.com/blog/aws-api-gateway-pricing-explained',
  },
  xrayTrace: {
    usd: 5 / 1e6,
    unit: 'trace recorded',
    source: 'https://aws.amazon.com/de/xray/pricing/',
  },
  eventBridgeEvent: {
    usd: 1 / 1e6,
    unit: 'custom event put on a bus (64 KB chunk)',
    source: 'https://cloudburn.io/blog/amazon-eventbridge-pricing',
  },
  eventBridgeArchiveGb: {
    usd: 0.1,
    unit: 'GB of events archived (processing; storage $0.023/GB-month)',
    source: 'https://cloudburn.io/blog/amazon-eventbridge-pricing',
  },
} as const satisfies Record<string, Price>;

export type Prices = { readonly [K in keyof typeof PRICES]: Price };

/**
 * Billed capacity units per request, by `DynamoDB:<operation>`: the engine reads with
 * `ConsistentRead` (1 RRU per item up to 4 KB, absent keys included), queries indexes (eventually
 * consistent, keys-only, under 4 KB: 0.5 RRU), and writes items under 1 KB; a transaction bills 2 units
 * per item, and an index whose key changes bills a delete and a put. What each request holds is read
 * from the code (docs/architecture.md, "Sending a step"), not measured.
 */
export const CAPACITY_PER_REQUEST: Readonly<Record<string, { rru: number; wru: number }>> = {
  // The sender's two: 7 keys (lead, assistant, settings, WhatsApp connection, first send, own send,
  // sequence), then 2 (the custom message, the suppression entry): 4.5 items on average.
  'DynamoDB:BatchGetItem': { rru: 4.5, wru: 0 },
  'DynamoDB:GetItem': { rru: 1, wru: 0 },
  'DynamoDB:Query': { rru: 0.5, wru: 0 },
  // Two items a transaction (claim: send record + daily counter; plan: lead + send record), 2 WRU each,
  // plus the index writes they cause (the send record's gsi1 entry, the lead's gsi2 entry moving): 1.
  'DynamoDB:TransactWriteItems': { rru: 0, wru: 5 },
  // The acceptance: the send record (1) and its gsi1 key moving from send id to provider id (2).
  'DynamoDB:UpdateItem': { rru: 0, wru: 3 },
  'DynamoDB:PutItem': { rru: 0, wru: 1 },
  'DynamoDB:DeleteItem': { rru: 0, wru: 1 },
};

/** What one Lambda invocation bills besides its request: memory, duration, log bytes, one trace. */
export interface InvocationProfile {
  memoryMb: number;
  /** Billed duration; an estimate (the bench runs in one process, its times are not AWS's). */
  durationMs: number;
  /** Platform START/END/REPORT lines plus the function's own JSON log lines. */
  logBytes: number;
}

/** Usage in billed units; a sum of these is still a Usage. */
export interface Usage {
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  dynamodbRru: number;
  dynamodbWru: number;
  schedulerInvocations: number;
  sesEmails: number;
  sqsRequests: number;
  logsGb: number;
  customMetrics: number;
  alarmMetrics: number;
  dashboards: number;
  secrets: number;
  secretsApiCalls: number;
  apiRequests: number;
  xrayTraces: number;
}

export const NO_USAGE: Usage = {
  lambdaInvocations: 0,
  lambdaGbSeconds: 0,
  dynamodbRru: 0,
  dynamodbWru: 0,
  schedulerInvocations: 0,
  sesEmails: 0,
  sqsRequests: 0,
  logsGb: 0,
  customMetrics: 0,
  alarmMetrics: 0,
  dashboards: 0,
  secrets: 0,
  secretsApiCalls: 0,
  apiRequests: 0,
  xrayTraces: 0,
};

export function addUsage(...parts: Partial<Usage>[]): Usage {
  const sum: Usage = { ...NO_USAGE };
  for (const part of parts) {
    for (const key of Object.keys(part) as (keyof Usage)[]) sum[key] += part[key] ?? 0;
  }
  return sum;
}

export function scaleUsage(usage: Partial<Usage>, factor: number): Usage {
  const scaled: Usage = { ...NO_USAGE };
  for (const key of Object.keys(usage) as (keyof Usage)[]) scaled[key] = (usage[key] ?? 0) * factor;
  return scaled;
}

/** Capacity units of DynamoDB requests counted as `{ 'DynamoDB:Query': 2, ... }`; unknown operations throw. */
export function dynamodbUsage(
  requests: Readonly<Record<string, number>>,
): Pick<Usage, 'dynamodbRru' | 'dynamodbWru'> {
  let rru = 0;
  let wru = 0;
  for (const [operation, count] of Object.entries(requests)) {
    const units = CAPACITY_PER_REQUEST[operation];
    if (!units) throw new Error(`No capacity assumption for ${operation}`);
    rru += units.rru * count;
    wru += units.wru * count;
  }
  return { dynamodbRru: rru, dynamodbWru: wru };
}

/** `count` invocations of a function: requests, GB-seconds, log bytes and (tracing is active) traces. */
export function lambdaUsage(profile: InvocationProfile, count: number): Partial<Usage> {
  return {
    lambdaInvocations: count,
    lambdaGbSeconds: count * (profile.memoryMb / 1024) * (profile.durationMs / 1000),
    logsGb: (count * profile.logBytes) / 1024 ** 3,
    xrayTraces: count,
  };
}

/** The bill's lines, in the order docs/cost.md lists them. */
export const COST_LINES = [
  'Lambda',
  'DynamoDB',
  'EventBridge Scheduler',
  'SES',
  'SQS',
  'CloudWatch',
  'Secrets Manager',
  'API Gateway',
  'X-Ray',
] as const;
export type CostLine = (typeof COST_LINES)[number];
export type Cost = Record<CostLine, number>;

/** Dollars per line, free tiers ignored (every unit is billed at the list price). */
export function costOf(usage: Usage, prices: Prices = PRICES): Cost {
  return {
    Lambda:
      usage.lambdaInvocations * prices.lambdaRequest.usd +
      usage.lambdaGbSeconds * prices.lambdaArmGbSecond.usd,
    DynamoDB:
      usage.dynamodbRru * prices.dynamodbReadUnit.usd + usage.dynamodbWru * prices.dynamodbWriteUnit.usd,
    'EventBridge Scheduler': usage.schedulerInvocations * prices.schedulerInvocation.usd,
    SES: usage.sesEmails * prices.sesEmail.usd,
    SQS: usage.sqsRequests * prices.sqsRequest.usd,
    CloudWatch:
      usage.logsGb * prices.logsIngestedGb.usd +
      usage.customMetrics * prices.customMetricMonth.usd +
      usage.alarmMetrics * prices.alarmMetricMonth.usd +
      usage.dashboards * prices.dashboardMonth.usd,
    'Secrets Manager':
      usage.secrets * prices.secretMonth.usd + usage.secretsApiCalls * prices.secretsApiCall.usd,
    'API Gateway': usage.apiRequests * prices.httpApiRequest.usd,
    'X-Ray': usage.xrayTraces * prices.xrayTrace.usd,
  };
}

export function totalCost(cost: Cost): number {
  return COST_LINES.reduce((sum, line) => sum + cost[line], 0);
}

/** The line that costs most, with its share of the total. */
export function dominantLine(cost: Cost): { line: CostLine; share: number } {
  const total = totalCost(cost);
  const line = COST_LINES.reduce((top, next) => (cost[next] > cost[top] ? next : top));
  return { line, share: total === 0 ? 0 : cost[line] / total };
}

// ---- The engine's workload, from the bench's request counts and the stack's configuration --------

/** Assumptions that are not measured: each is stated in docs/cost.md. */
export const ASSUMPTIONS = {
  /** lib/followup-function.ts: 512 MB Arm for the sender and ses-events; durations estimated. */
  sender: { memoryMb: 512, durationMs: 150, logBytes: 2048 } satisfies InvocationProfile,
  sesEvents: { memoryMb: 512, durationMs: 40, logBytes: 1536 } satisfies InvocationProfile,
  leadsApi: { memoryMb: 512, durationMs: 120, logBytes: 2048 } satisfies InvocationProfile,
  planAuditor: { memoryMb: 512, durationMs: 200, logBytes: 1536 } satisfies InvocationProfile,
  /** One re-plan job (a page of about 100 leads), paced by the scheduler quota: 40 ms a lead. */
  replanWorker: { memoryMb: 512, durationMs: 4000, logBytes: 4096 } satisfies InvocationProfile,
  /** SES publishes Send and Delivery for every e-mail (bounces and complaints are rare). */
  sesEventsPerEmail: 2,
  /** One Query by provider id per event (docs/performance.md, "Reading the figures"). */
  queriesPerSesEvent: 1,
  /**
   * The sending-reputation guard counts each e-mail on its Send event (docs/architecture.md, "Sending
   * reputation"): the assistant's and the org's state and bucket items, read and updated.
   */
  reputationCountingPerEmail: { rru: 1.5, wru: 6 },
  /** Steps of a lead's sequence on average: one lead creation per this many sent steps. */
  stepsPerEnrollment: 3,
  /** The plan auditor: rate(5 minutes), 16 keys-only Queries a run. */
  auditorRunsPerMonth: (30 * 24 * 60) / 5,
  auditorQueriesPerRun: 16,
  /** Lambda's long polling of the re-plan queue, idle or not: 5 pollers, a 20 s wait each. */
  idleSqsReceivesPerMonth: 5 * 3 * 60 * 24 * 30,
  /** Warm sender containers, each reading its secret every five minutes (the cache's lifetime). */
  warmContainers: 2,
  secretReadsPerContainerMonth: 12 * 24 * 30,
  /** The unsubscribe key and one WhatsApp org's Sinch credentials. */
  secrets: 2,
  /** lib/monitoring.ts: 5 dead-letter alarms, re-plan age, three two-metric rates, bounce, complaint, sending paused. */
  alarmMetrics: 15,
  dashboards: 1,
  /** docs/operations.md: 5 metrics × channel email | whatsapp. */
  customMetrics: 10,
} as const;

/** Requests of one sent step as the bench counts them (per step averages). */
export interface MeasuredStep {
  /** `{ BatchGetItem: 2, ... }` per sent step, without the `DynamoDB:` prefix. */
  dynamodb: Readonly<Record<string, number>>;
  scheduler: number;
  emails: number;
  sqs: number;
}

/** Requests of one lead creation (`POST /leads`, section 3 of the bench). */
export interface MeasuredEnrollment {
  dynamodb: Readonly<Record<string, number>>;
  scheduler: number;
}

const prefixed = (counts: Readonly<Record<string, number>>) =>
  Object.fromEntries(Object.entries(counts).map(([operation, count]) => [`DynamoDB:${operation}`, count]));

/**
 * One sent e-mail step: the sender's invocation and requests, and what each e-mail brings after it
 * (SES's events to `ses-events`, each a Lambda invocation and a Query). Scheduler API calls
 * (CreateSchedule, DeleteSchedule) are not billed; the schedule's firing is.
 */
export function stepUsage(step: MeasuredStep, a = ASSUMPTIONS): Usage {
  const events = step.emails * a.sesEventsPerEmail;
  return addUsage(
    lambdaUsage(a.sender, 1),
    dynamodbUsage(prefixed(step.dynamodb)),
    { schedulerInvocations: 1, sesEmails: step.emails, sqsRequests: step.sqs },
    lambdaUsage(a.sesEvents, events),
    dynamodbUsage({ 'DynamoDB:Query': events * a.queriesPerSesEvent }),
    {
      dynamodbRru: step.emails * a.reputationCountingPerEmail.rru,
      dynamodbWru: step.emails * a.reputationCountingPerEmail.wru,
    },
  );
}

/** One lead created by `POST /leads`: an API request, the leads function, its reads and transaction. */
export function enrollmentUsage(enrollment: MeasuredEnrollment, a = ASSUMPTIONS): Usage {
  return addUsage(
    { apiRequests: 1 },
    lambdaUsage(a.leadsApi, 1),
    dynamodbUsage(prefixed(enrollment.dynamodb)),
  );
}

/** What a month costs whatever the volume: auditor runs, idle queue polls, secrets, alarms, dashboard. */
export function fixedMonthlyUsage(a = ASSUMPTIONS): Usage {
  return addUsage(
    lambdaUsage(a.planAuditor, a.auditorRunsPerMonth),
    { schedulerInvocations: a.auditorRunsPerMonth },
    dynamodbUsage({ 'DynamoDB:Query': a.auditorRunsPerMonth * a.auditorQueriesPerRun }),
    {
      sqsRequests: a.idleSqsReceivesPerMonth,
      secrets: a.secrets,
      secretsApiCalls: a.warmContainers * a.secretReadsPerContainerMonth,
      alarmMetrics: a.alarmMetrics,
      dashboards: a.dashboards,
      customMetrics: a.customMetrics,
    },
  );
}

/** A month of `steps` sent e-mail steps: per step, one enrollment per `stepsPerEnrollment`, and the fixed part. */
export function monthlyUsage(
  steps: number,
  step: MeasuredStep,
  enrollment: MeasuredEnrollment,
  a = ASSUMPTIONS,
): { perStep: Usage; enrollments: Usage; fixed: Usage; total: Usage } {
  const perStep = scaleUsage(stepUsage(step, a), steps);
  const enrollments = scaleUsage(enrollmentUsage(enrollment, a), steps / a.stepsPerEnrollment);
  const fixed = fixedMonthlyUsage(a);
  return { perStep, enrollments, fixed, total: addUsage(perStep, enrollments, fixed) };
}

/** Dollars, readable at every scale: three significant figures below a cent, two decimals above. */
export function usd(value: number): string {
  if (value === 0) return '$0';
  if (Math.abs(value) < 0.01) {
    const decimals = Math.min(12, 2 - Math.floor(Math.log10(Math.abs(value))));
    return `$${value.toFixed(decimals).replace(/0+$/, '')}`;
  }
  return `$${value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
