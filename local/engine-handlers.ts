/**
 * The engine's Lambdas as the local stack runs them: each entry point imported once, run in its own
 * function's name, with faults attached to the engine's AWS clients; and the orgs' WhatsApp apps, for signing simulated Sinch callbacks.
 */
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import type { EngineHandlers } from './engine-stack';
import type { FaultRegistry } from './faults';
import { runAsFunction } from './lambda-scope';
import type { WhatsAppOrgApp } from './listening-routes';
import { attachFaults } from './sdk-faults';

/** The engine's own AWS clients, imported after the environment is set (they read it at import). */
export async function attachFaultsToEngineClients(faults: FaultRegistry): Promise<void> {
  const [
    { db },
    { sesClient },
    { schedulerClient },
    { sqsClient },
    { secretsClient },
    { webhookQueueClient },
  ] = await Promise.all([
    import('../lambdas/data/client'),
    import('../lambdas/adapters/email-sender'),
    import('../lambdas/adapters/step-scheduler'),
    import('../lambdas/adapters/replan-queue'),
    import('../lambdas/adapters/secrets'),
    import('../lambdas/adapters/webhook-queue'),
  ]);
  attachFaults(db, 'dynamodb', faults);
  attachFaults(sesClient, 'ses', faults);
  attachFaults(await schedulerClient(), 'scheduler', faults);
  attachFaults(sqsClient, 'sqs', faults);
  attachFaults(await webhookQueueClient(), 'sqs', faults);
  attachFaults(await secretsClient(), 'secretsmanager', faults);
}

/** Each engine Lambda's entry file, by its handler's name in the local stack. */
const ENTRY_FILES: { [Name in keyof EngineHandlers]: string } = {
  sender: 'sender',
  sequenceChanges: 'sequence-changes',
  outcomeCounter: 'outcome-counter',
  replanWorker: 'replan-worker',
  importWorker: 'import-worker',
  webhookWorker: 'webhook-worker',
  inboundEmail: 'inbound-email',
  sesEvents: 'ses-events',
  planAuditor: 'plan-auditor',
  eventPublisher: 'event-publisher',
};

/** Each handler runs in its entry point's name (lambda-scope.ts), as its own Lambda would. */
export async function loadHandlers(overrides: Partial<EngineHandlers>): Promise<EngineHandlers> {
  const load = async <Name extends keyof EngineHandlers>(name: Name): Promise<EngineHandlers[Name]> => {
    const handler = overrides[name] ?? (await importHandler(name));
    const scoped = (event: never, context: Context) =>
      runAsFunction(name, () =>
        (handler as (event: never, context: Context) => Promise<unknown>)(event, context),
      );
    return scoped as EngineHandlers[Name];
  };
  return {
    sender: await load('sender'),
    sequenceChanges: await load('sequenceChanges'),
    outcomeCounter: await load('outcomeCounter'),
    replanWorker: await load('replanWorker'),
    importWorker: await load('importWorker'),
    webhookWorker: await load('webhookWorker'),
    inboundEmail: await load('inboundEmail'),
    sesEvents: await load('sesEvents'),
    planAuditor: await load('planAuditor'),
    eventPublisher: await load('eventPublisher'),
  };
}

async function importHandler<Name extends keyof EngineHandlers>(name: Name): Promise<EngineHandlers[Name]> {
  const file = ENTRY_FILES[name];
  const module = (await import(`../lambdas/${file}.ts`)) as { handler?: EngineHandlers[Name] };
  if (typeof module.handler !== 'function') throw new Error(`lambdas/${file}.ts exports no handler`);
  return module.handler;
}

/**
 * The orgs' connected WhatsApp apps, for signing simulated callbacks: one org's through the org data
 * module (imported late: it reads the table's environment at import), every org's by scanning the
 * local table for the connection items (no access pattern lists them; AWS never needs to).
 */
export function whatsAppApps(
  tableName: string,
  endpoint: string,
): { find(orgId: string): Promise<WhatsAppOrgApp | undefined>; list(): Promise<WhatsAppOrgApp[]> } {
  return {
    async find(orgId) {
      const { getWhatsAppConnection } = await import('../lambdas/data/org');
      const connection = await getWhatsAppConnection(orgId);
      return connection && { orgId, projectId: connection.projectId, appId: connection.appId };
    },
    async list() {
      const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
      const apps: WhatsAppOrgApp[] = [];
      try {
        const pages = paginateScan(
          { client },
          {
            TableName: tableName,
            FilterExpression: 'sk = :sk',
            ExpressionAttributeValues: { ':sk': { S: 'WHATSAPP' } },
            ProjectionExpression: 'orgId, projectId, appId',
          },
        );
        for await (const page of pages) {
          for (const item of page.Items ?? []) {
            const [orgId, projectId, appId] = [item.orgId?.S, item.projectId?.S, item.appId?.S];
            if (orgId && projectId && appId) apps.push({ orgId, projectId, appId });
          }
        }
      } finally {
        client.destroy();
      }
      return apps;
    },
  };
}
