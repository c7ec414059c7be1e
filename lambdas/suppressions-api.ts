/** The suppression list API: add addresses and domains (JSON or CSV), read the list, take entries off. */

import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { ValidationError } from './core/errors';
import { assertAdmin } from './core/permissions';
import { entriesOfCsv, entriesOfRequest, SuppressionRequestSchema } from './core/suppressions';
import { parseWith } from './core/validation';
import { useTable } from './data/client';
import { addSuppressionEntries, deleteSuppression, readSuppressions } from './engine/suppressions';
import { apiHandler, parseJson } from './http/api-handler';
import { suppressionsOperations } from './http/contract/suppressions';
import { environmentSchema, readEnvironment, STEP_SCHEDULER_ENV, TABLE_ENV } from './runtime/environment';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({ ...TABLE_ENV, ...STEP_SCHEDULER_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
// Adding an entry stops the leads it matches, which deletes their pending schedules.
useStepScheduler(stepSchedulerSettings(env));

export const handler = apiHandler(suppressionsOperations, {
  async addSuppressions({ caller, rawBody, headers, query, now }) {
    // Before reading up to 5 MB of values a member may not add anyway (the use case checks it too).
    assertAdmin(caller, 'add to the suppression list');
    if (rawBody.trim() === '')
      throw ValidationError.field(
        'body',
        'The body is empty: send {"addresses": [...], "domains": [...]} or a CSV with the header row value',
      );
    const csv = /^\s*text\/csv\b/i.test(headers['content-type'] ?? '');
    if (csv) {
      const entries = await entriesOfCsv(rawBody);
      return { body: await addSuppressionEntries(caller, entries, query.reason, now) };
    }
    const request = parseWith(SuppressionRequestSchema(), parseJson(rawBody));
    const entries = entriesOfRequest(request);
    return { body: await addSuppressionEntries(caller, entries, request.reason ?? query.reason, now) };
  },

  async listSuppressions({ caller, query }) {
    const page = await readSuppressions(caller, query);
    return { body: { items: page.items, ...(page.cursor && { nextCursor: page.cursor }) } };
  },

  async deleteSuppression({ caller, params }) {
    const value = pathValue(params.value ?? '');
    await deleteSuppression(caller, value);
    // A domain is named in the audit log; an address is not, as the entry would outlive its erasure.
    return { audit: value.includes('@') ? {} : { targetId: value } };
  },
});

/**
 * The value as given: a client that encoded it (`bob%40acme.com`) may reach the function still encoded
 * (API Gateway's HTTP APIs pass path parameters as sent), where the local server has decoded it. A
 * value no e-mail address or domain could be (a stray `%`) is left as it is, and is then not found.
 */
function pathValue(value: string): string {
  if (!value.includes('%')) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
