/** The imports API: accept an import of many leads (JSON or CSV), show its progress and its row issues. */

import { importQueue } from './adapters/import-queue';
import { importRowsStore } from './adapters/import-row-store';
import { NotFoundError, ValidationError } from './core/errors';
import { ImportRequestSchema, rowsFromCsv } from './core/import-rows';
import { parseWith } from './core/validation';
import { useTable } from './data/client';
import { getImport, type ImportRecord, listRecentImports, listRowIssues } from './data/import-records';
import { acceptImport, type ImportIntake } from './engine/import-requests';
import { apiHandler, parseJson } from './http/api-handler';
import { importsOperations } from './http/contract/imports';
import { environmentSchema, IMPORTS_ENV, readEnvironment, TABLE_ENV } from './runtime/environment';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({ ...TABLE_ENV, ...IMPORTS_ENV });
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
const intake: ImportIntake = {
  rows: importRowsStore({ bucket: env.IMPORTS_BUCKET, pathStyle: env.AWS_ENDPOINT_URL_S3 !== undefined }),
  queue: importQueue(env.IMPORT_QUEUE_URL),
};

export const handler = apiHandler(importsOperations, {
  async createImport({ caller, rawBody, headers, query, now }) {
    if (rawBody.trim() === '')
      throw ValidationError.field(
        'body',
        'The body is empty: send {"leads": [...]} or a CSV with a header row',
      );
    const csv = /^\s*text\/csv\b/i.test(headers['content-type'] ?? '');
    const request = csv
      ? { leads: await rowsFromCsv(rawBody) }
      : parseWith(ImportRequestSchema(), parseJson(rawBody));
    const record = await acceptImport(
      caller,
      {
        rows: request.leads,
        // The body's choices win over the query's (which a CSV body has no room for).
        assistantId: ('assistantId' in request && request.assistantId) || query.assistantId,
        sequenceId: ('sequenceId' in request && request.sequenceId) || query.sequenceId,
        strict: query.strict,
      },
      now,
      intake,
    );
    return { body: { id: record.id, status: 'queued', total: record.total } };
  },

  async listImports({ caller, query }) {
    const page = await listRecentImports(caller, query.cursor, query.limit);
    return { body: { items: page.items.map(importView), ...(page.cursor && { nextCursor: page.cursor }) } };
  },

  async getImport({ caller, params }) {
    return { body: importView(await requireImport(caller.orgId, params.id)) };
  },

  async listImportErrors({ caller, params, query }) {
    const record = await requireImport(caller.orgId, params.id);
    const page = await listRowIssues(caller.orgId, record.id, query.cursor, query.limit);
    return {
      body: { items: page.items, ...(page.cursor && { nextCursor: page.cursor, cursor: page.cursor }) },
    };
  },
});

async function requireImport(orgId: string, id: string | undefined): Promise<ImportRecord> {
  const record = id === undefined ? undefined : await getImport(orgId, id);
  if (!record) throw new NotFoundError('Import', id);
  return record;
}

function importView(record: ImportRecord) {
  const { id, status, total, created, duplicates, failed, startedAt, finishedAt } = record;
  return {
    id,
    status,
    total,
    created,
    duplicates,
    failed,
    ...(startedAt && { startedAt }),
    ...(finishedAt && { finishedAt }),
  };
}
