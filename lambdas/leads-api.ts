/** The leads API: add leads (one or a batch) on a sequence, read, change, stop, continue, restart, delete. */

import { mapWithConcurrency } from './core/concurrency';
import { ConflictError } from './core/errors';
import { LeadInputSchema } from './core/leads';
import { listLeads } from './data/leads';
import { readLeadLog } from './data/sends';
import {
  continueLead,
  createLead,
  EnrollmentReads,
  removeLead,
  requireLead,
  restartLead,
  stopLead,
  updateLead,
} from './engine/enrollments';
import { apiHandler } from './http/api-handler';
import { errorResponse } from './http/error-response';
import { leadTimelineView, leadView } from './http/lead-views';
import { parseWith } from './http/validation';

/** Batches create leads a few at a time: fast, without bursting the table or the scheduler. */
const BATCH_CONCURRENCY = 8;

export const handler = apiHandler('leads', {
  async createLead({ caller, body, now }) {
    const reads = new EnrollmentReads(caller.orgId);
    const { lead, warnings } = await createLead(caller, body, now, reads);
    return { body: await leadView(lead, reads, warnings) };
  },

  async createLeads({ caller, body, now }) {
    const reads = new EnrollmentReads(caller.orgId);
    // Rows are created concurrently; a repeated address must lose to its first row, not to a race.
    const firstRowOf = new Map<string, number>();
    const items = await mapWithConcurrency(body.leads, BATCH_CONCURRENCY, async (raw, index) => {
      try {
        const input = parseWith(LeadInputSchema, raw);
        if (input.email) {
          const first = firstRowOf.get(input.email) ?? index;
          firstRowOf.set(input.email, first);
          if (first !== index) {
            throw new ConflictError(`Row ${first} of this batch has the same e-mail`, {
              duplicateOfIndex: first,
            });
          }
        }
        const { lead, warnings } = await createLead(caller, input, now, reads);
        return { index, status: 201, lead: await leadView(lead, reads, warnings) };
      } catch (error) {
        // One row's failure, bad input or not, is that row's result; the others still go in.
        const response = errorResponse(error);
        return { index, status: response.statusCode ?? 400, ...JSON.parse(response.body ?? '{}') };
      }
    });
    return { body: { items } };
  },

  async listLeads({ caller, query }) {
    const { cursor, ...filter } = query;
    const page = await listLeads(caller.orgId, filter, cursor);
    const reads = new EnrollmentReads(caller.orgId);
    const items = await Promise.all(page.items.map((lead) => leadView(lead, reads)));
    return { body: { items, ...(page.cursor && { cursor: page.cursor }) } };
  },

  async getLead({ caller, params }) {
    return { body: await leadView(await requireLead(caller, params.id), new EnrollmentReads(caller.orgId)) };
  },

  async updateLead({ caller, params, body, now }) {
    const lead = await updateLead(caller, params.id ?? '', body, now);
    return { body: await leadView(lead, new EnrollmentReads(caller.orgId)) };
  },

  async deleteLead({ caller, params }) {
    await removeLead(caller, params.id ?? '');
    return {};
  },

  async stopLead({ caller, params, now }) {
    return {
      body: await leadView(await stopLead(caller, params.id ?? '', now), new EnrollmentReads(caller.orgId)),
    };
  },

  async continueLead({ caller, params, body, now }) {
    const lead = await continueLead(caller, params.id ?? '', body.startAt, now);
    return { body: await leadView(lead, new EnrollmentReads(caller.orgId)) };
  },

  async restartLead({ caller, params, body, now }) {
    const lead = await restartLead(caller, params.id ?? '', body, now);
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
});
