/**
 * The whole HTTP API contract: every function's operations together, for what needs all of them (the
 * CDK's routes, the local server, the OpenAPI document, tests). An API function imports only its own
 * module (`contract/<function>.ts`), so its bundle carries no other function's schemas.
 */
import { accountsOperations } from './accounts';
import { approvalsOperations } from './approvals';
import { assistantsOperations } from './assistants';
import { importsOperations } from './imports';
import { leadsOperations } from './leads';
import { messagesOperations } from './messages';
import type { Operation } from './operation';
import { orgOperations } from './org';
import { privacyOperations } from './privacy';
import { publicOperations } from './public';
import { sequencesOperations } from './sequences';
import { statsOperations } from './stats';
import { suppressionsOperations } from './suppressions';
import { webhooksOperations } from './webhooks';

export { API_FUNCTIONS, type ApiFunctionName, type Operation, routeKey } from './operation';

export const operations = {
  ...sequencesOperations,
  ...messagesOperations,
  ...assistantsOperations,
  ...orgOperations,
  ...publicOperations,
  ...leadsOperations,
  ...approvalsOperations,
  ...importsOperations,
  ...statsOperations,
  ...webhooksOperations,
  ...accountsOperations,
  ...suppressionsOperations,
  ...privacyOperations,
} satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;

/** The route facts the CDK builds API Gateway routes from; reading them builds no schema. */
export const apiRoutes = (): Pick<Operation, 'fn' | 'method' | 'path' | 'public'>[] =>
  Object.values(operations as Record<string, Operation>).map(({ fn, method, path, public: isPublic }) => ({
    fn,
    method,
    path,
    ...(isPublic && { public: isPublic }),
  }));
