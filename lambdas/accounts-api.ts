/**
 * The accounts API: the companies (mail domains) an org's leads belong to, with their people and where
 * each one's follow-up stands (issue #25). Reads only: its function's role has the table's read actions
 * alone (lib/http-api.ts). Every org user may read; another org's domain answers 404.
 */
import * as z from 'zod/mini';
import { listAccounts } from './data/accounts';
import { useTable } from './data/client';
import { readAccount } from './engine/account-reads';
import { accountView } from './http/account-views';
import { apiHandler } from './http/api-handler';
import { accountsOperations } from './http/contract/accounts';
import { readEnvironment, TABLE_ENV } from './runtime/environment';

/** What this function reads from its environment, once, at cold start. */
export const environment = z.object({ ...TABLE_ENV });
useTable(readEnvironment(environment).TABLE_NAME);

export const handler = apiHandler(accountsOperations, {
  async listAccounts({ caller, query }) {
    const page = await listAccounts(caller.orgId, query.cursor, query.limit);
    return { body: { items: page.items, ...(page.cursor && { nextCursor: page.cursor }) } };
  },

  async getAccount({ caller, params }) {
    const { account, leads } = await readAccount(caller.orgId, params.domain ?? '');
    return { body: accountView(account, leads) };
  },
});
