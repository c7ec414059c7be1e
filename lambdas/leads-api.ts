import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { type Assistant, receivingOf, receivingWarnings } from './core/assistants';
import { mapWithConcurrency } from './core/concurrency';
import { ConflictError } from './core/errors';
import { LeadInputSchema } from './core/leads';
import { parseWith } from './core/validation';
import { useTable } from './data/client';
import { listLeadPage } from './data/lead-listing';
import { readLeadLog } from './data/sends';
import { EnrollmentReads, requireLead, standingWarnings } from './engine/enrollment-reads';
import { apiHandler } from './http/api-handler';
import { approvalView } from './http/approval-views';
import { approvalsOperations } from './http/contract/approvals';
import { leadsOperations } from './http/contract/leads';
import { errorResponse } from './http/error-response';
import { leadTimelineView, leadView } from './http/lead-views';
import {
  environmentSchema,
  nonEmpty,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';

/** Batches create leads a few at a time: fast, without bursting the table or the scheduler. */
const BATCH_CONCURRENCY = 8;
/**
 * Time kept back when starting a row: enough for rows already started to finish and the answer to
 * go out before the Lambda (and API Gateway's 30 s) cut the request off: a third of what is left,
 * between 1 and 8 s. Rows not started by then are answered `not_attempted`.
 */
export const BATCH_RESERVED_MS = { min: 1_000, max: 8_000 };

/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = environmentSchema({
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  INBOUND_DOMAIN: nonEmpty,
});
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const inboundDomain = env.INBOUND_DOMAIN;

/** The use cases that plan (luxon, time zones, the scheduler): loaded by the first write, not by reads. */
const enrollments = () => import('./engine/enrollments');
const snoozing = () => import('./engine/snoozing');
/** Deciding an approval re-plans its step (luxon, the scheduler), loaded with the first approvals route. */
const approvals = () => import('./engine/approvals');

/** A lead on an assistant whose replies do not reach us yet would be followed up after answering. */
const receivingWarningsOf = (assistant: Assistant) =>
  receivingWarnings(assistant, receivingOf(assistant, inboundDomain));

/** What an approval's audit entry keeps: the decision, not the e-mail's text (personal data, erased apart). */
const decisionAudit = (approval: {
  status: string;
  leadId: string;
  stepIndex: number;
  approved?: { edited: boolean };
}) => ({
  after: {
    status: approval.status,
    leadId: approval.leadId,
    stepIndex: approval.stepIndex,
    ...(approval.approved && { edited: approval.approved.edited }),
  },
});

export const handler = apiHandler(
  { ...leadsOperations, ...approvalsOperations },
  {
    async listApprovals({ caller, query }) {
      const { readApprovals } = await approvals();
      const page = await readApprovals(caller, query);
      return {
        body: { items: page.items.map(approvalView), ...(page.cursor && { nextCursor: page.cursor }) },
      };
    },

    async getApproval({ caller, params }) {
      const { readApproval } = await approvals();
      const approval = await readApproval(caller, params.id ?? '');
      return { body: approvalView(approval), version: approval.version };
    },

    async approveApproval({ caller, params, body, now, expectedVersion }) {
      const { approveStep } = await approvals();
      const approval = await approveStep(caller, params.id ?? '', expectedVersion(), body, now);
      return { body: approvalView(approval), version: approval.version, audit: decisionAudit(approval) };
    },

    async rejectApproval({ caller, params, body, now, expectedVersion }) {
      const { rejectStep } = await approvals();
      const approval = await rejectStep(caller, params.id ?? '', expectedVersion(), body, now);
      return { body: approvalView(approval), version: approval.version, audit: decisionAudit(approval) };
    },

    async createLead({ caller, body, query, now }) {
      const reads = new EnrollmentReads(caller.orgId);
      const { createLead } = await enrollments();
      const { lead, warnings, assistant } = await createLead(caller, body, now, reads, query);
      return {
        body: await leadView(lead, reads, [...warnings, ...receivingWarningsOf(assistant)]),
        version: lead.version,
      };
    },

    async createLeads({ caller, body, query, now, remainingTimeMs }) {
      const reads = new EnrollmentReads(caller.orgId);
      const { createLead } = await enrollments();
      const remaining = remainingTimeMs();
      const reserved = Math.max(BATCH_RESERVED_MS.min, Math.min(BATCH_RESERVED_MS.max, remaining / 3));
      const deadline = performance.now() + remaining - reserved;
      // A throttle says the table or the scheduler is at its quota: rows after it would only pile on.
      let throttled = false;
      // Rows are created concurrently; a repeated address must lose to its first row, not to a race.
      const firstRowOf = new Map<string, number>();
      const items = await mapWithConcurrency(body.leads, BATCH_CONCURRENCY, async (raw, index) => {
        if (throttled || performance.now() >= deadline) return notAttempted(index, throttled);
        try {
          const input = parseWith(LeadInputSchema(), raw);
          if (input.email) {
            const first = firstRowOf.get(input.email) ?? index;
            firstRowOf.set(input.email, first);
            if (first !== index) {
              throw new ConflictError(`Row ${first} of this batch has the same e-mail`, {
                duplicateOfIndex: first,
              });
            }
          }
          const { lead, warnings, assistant } = await createLead(caller, input, now, reads, query);
          const shown = await leadView(lead, reads, [...warnings, ...receivingWarningsOf(assistant)]);
          return { index, status: 201, lead: shown };
        } catch (error) {
          // One row's failure, bad input or not, is that row's result; the others still go in.
          if (isThrottling(error)) {
            throttled = true;
            return {
              index,
              status: 503,
              error: {
                code: 'throttled',
                message:
                  'A quota was reached while adding this lead; nothing was stored: send it again later',
              },
            };
          }
          const response = errorResponse(error);
          return { index, status: response.statusCode ?? 400, ...JSON.parse(response.body ?? '{}') };
        }
      });
      return { body: { items } };
    },

    async listLeads({ caller, query }) {
      const { cursor, limit, ...listing } = query;
      const page = await listLeadPage(caller, listing, cursor, limit);
      const reads = new EnrollmentReads(caller.orgId);
      const items = await Promise.all(page.items.map((lead) => leadView(lead, reads)));
      return { body: { items, ...(page.cursor && { nextCursor: page.cursor, cursor: page.cursor }) } };
    },

    async getLead({ caller, params }) {
      const lead = await requireLead(caller, params.id);
      const reads = new EnrollmentReads(caller.orgId);
      const warnings = await standingWarnings(reads, lead);
      return { body: await leadView(lead, reads, warnings), version: lead.version };
    },

    async updateLead({ caller, params, body, expectedVersion, now }) {
      const { updateLead } = await enrollments();
      const { lead, warnings } = await updateLead(caller, params.id ?? '', body, now, expectedVersion());
      return {
        body: await leadView(lead, new EnrollmentReads(caller.orgId), warnings),
        version: lead.version,
      };
    },

    async deleteLead({ caller, params }) {
      const { removeLead } = await enrollments();
      await removeLead(caller, params.id ?? '');
      return {};
    },

    async stopLead({ caller, params, now }) {
      const { stopLead } = await enrollments();
      return {
        body: await leadView(await stopLead(caller, params.id ?? '', now), new EnrollmentReads(caller.orgId)),
      };
    },

    async continueLead({ caller, params, body, now }) {
      const { continueLead } = await enrollments();
      const { lead, warnings } = await continueLead(caller, params.id ?? '', body.startAt, now);
      return { body: await leadView(lead, new EnrollmentReads(caller.orgId), warnings) };
    },

    async correctReplyIntent({ caller, params, body, now }) {
      const { correctReplyIntent } = await import('./engine/replies');
      const lead = await correctReplyIntent(caller, params.id ?? '', body.intent, now);
      return { body: await leadView(lead, new EnrollmentReads(caller.orgId)) };
    },

    async restartLead({ caller, params, body, now }) {
      const { restartLead } = await enrollments();
      const { lead, warnings } = await restartLead(caller, params.id ?? '', body, now);
      return { body: await leadView(lead, new EnrollmentReads(caller.orgId), warnings) };
    },

    async snoozeLead({ caller, params, body, now }) {
      const { snoozeLead } = await snoozing();
      const lead = await snoozeLead(caller, params.id ?? '', body.until, now);
      return { body: await leadView(lead, new EnrollmentReads(caller.orgId)) };
    },

    async wakeLead({ caller, params, now }) {
      const { wakeLead } = await snoozing();
      const lead = await wakeLead(caller, params.id ?? '', now);
      return { body: await leadView(lead, new EnrollmentReads(caller.orgId)) };
    },

    async leadTimeline({ caller, params }) {
      const lead = await requireLead(caller, params.id);
      const reads = new EnrollmentReads(caller.orgId);
      const [log, sequence] = await Promise.all([
        readLeadLog(caller.orgId, lead.id),
        reads.sequence(lead.enrollment.sequenceId),
      ]);
      return { body: leadTimelineView(lead, log, sequence) };
    },
  },
);

/** A row the batch did not start: nothing of it was stored, so it is safe to send again. */
function notAttempted(index: number, throttled: boolean) {
  const why = throttled
    ? 'an earlier row was throttled'
    : 'the request ran out of time before this row started';
  return {
    index,
    status: 503,
    error: { code: 'not_attempted', message: `Not attempted (${why}); nothing was stored: send it again` },
  };
}

/** DynamoDB and EventBridge Scheduler say "slow down" under these names once the SDK's retries are spent. */
function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (
    status === 429 ||
    ['ThrottlingException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded'].includes(
      error.name,
    )
  );
}
