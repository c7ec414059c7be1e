/**
 * The privacy API (admins): erase a person, export what is held about them, read the org's audit log.
 * The use cases are in engine/privacy.ts; the audit entries of erasures and exports are written by the
 * API handler (http/api-handler.ts) from what these answer in `audit`.
 */
import { importRowsStore } from './adapters/import-row-store';
import { rawMailStore } from './adapters/raw-mail-store';
import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { assertAdmin } from './core/permissions';
import { personOf } from './core/privacy';
import { listAuditEntries } from './data/audit-log';
import { useTable } from './data/client';
import { erasePerson, exportPerson, type PrivacyStores } from './engine/privacy';
import { apiHandler } from './http/api-handler';
import { privacyOperations } from './http/contract/privacy';
import {
  environmentSchema,
  nonEmpty,
  optionalText,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';

/** What this function reads from its environment, once, at cold start; its composition root below. */
export const environment = environmentSchema({
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  INBOUND_BUCKET: nonEmpty,
  INBOUND_PREFIX: nonEmpty,
  IMPORTS_BUCKET: nonEmpty,
  /** Set locally only: the S3 stand-in's address. */
  AWS_ENDPOINT_URL_S3: optionalText,
});
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const pathStyle = env.AWS_ENDPOINT_URL_S3 !== undefined;
const stores: PrivacyStores = {
  rawMail: rawMailStore({ bucket: env.INBOUND_BUCKET, prefix: env.INBOUND_PREFIX, pathStyle }),
  importRows: importRowsStore({ bucket: env.IMPORTS_BUCKET, pathStyle }),
};

export const handler = apiHandler(privacyOperations, {
  async erasePerson({ caller, body, now }) {
    const { counts, personHash } = await erasePerson(caller, personOf(body), stores, now);
    // The log names the person by their salted hash only: an erased address is kept nowhere.
    return { body: { erased: counts }, audit: { targetId: personHash, after: { erased: counts } } };
  },

  async exportPerson({ caller, body, now }) {
    const { personHash, ...held } = await exportPerson(caller, personOf(body), stores, now);
    // What was exported is the person's data: the log says only that it was, and how much.
    const sizes = Object.fromEntries(
      Object.entries(held).map(([part, value]) => [
        part,
        Array.isArray(value) ? value.length : value ? 1 : 0,
      ]),
    );
    return { body: held, audit: { targetId: personHash, after: { exported: sizes } } };
  },

  async listAudit({ caller, query }) {
    assertAdmin(caller, 'read the audit log');
    const page = await listAuditEntries(caller, query.limit, query.cursor);
    return { body: page };
  },
});
