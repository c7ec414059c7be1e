import { stepSchedulerSettings, useStepScheduler } from './adapters/step-scheduler';
import { writeWhatsAppSecret } from './adapters/whatsapp-secret';
import { assertAdmin } from './core/permissions';
import { useTable } from './data/client';
import {
  getVersionedOrgSettings,
  getWhatsAppConnection,
  putOrgSettings,
  putWhatsAppConnection,
} from './data/org';
import { listUsers } from './data/users';
import { readWithSendingView, resumeScopeSending } from './engine/sending-reputation';
import { apiHandler } from './http/api-handler';
import { orgOperations } from './http/contract/org';
import { pageOfList } from './http/list-pages';
import {
  environmentSchema,
  nonEmpty,
  readEnvironment,
  STEP_SCHEDULER_ENV,
  TABLE_ENV,
} from './runtime/environment';

/** What this function reads from its environment, once, at cold start; each module gets its part. */
export const environment = environmentSchema({
  ...TABLE_ENV,
  ...STEP_SCHEDULER_ENV,
  WHATSAPP_SECRET_PREFIX: nonEmpty,
});
const env = readEnvironment(environment);
useTable(env.TABLE_NAME);
useStepScheduler(stepSchedulerSettings(env));
const whatsAppSecretPrefix = env.WHATSAPP_SECRET_PREFIX;

export const handler = apiHandler(orgOperations, {
  async getOrgSettings({ caller }) {
    // The settings and the org's sending, in one round trip.
    const { view, settings } = await readWithSendingView({ orgId: caller.orgId }, {});
    return { body: { ...settings.settings, sending: view }, version: settings.version };
  },

  async resumeOrgSending({ caller, now }) {
    assertAdmin(caller, 'resume the organization’s sending');
    const { settings } = await getVersionedOrgSettings(caller.orgId);
    return { body: await resumeScopeSending({ orgId: caller.orgId }, settings.reputationGuard, now) };
  },

  async putOrgSettings({ caller, body, expectedVersion, now }) {
    assertAdmin(caller, 'change the organization’s settings');
    // Read for the audit log's `before`; the put itself is still conditional on the version sent.
    const { settings: before } = await getVersionedOrgSettings(caller.orgId);
    const version = await putOrgSettings(caller.orgId, body, now, expectedVersion());
    return { body, version, audit: { targetId: caller.orgId, before, after: body } };
  },

  async getWhatsApp({ caller, apiBaseUrl }) {
    const connection = await getWhatsAppConnection(caller.orgId);
    if (!connection) return { body: { connected: false } };
    const { projectId, appId, region, webhookVerified = false } = connection;
    return {
      body: {
        connected: true,
        projectId,
        appId,
        region,
        webhookVerified,
        callbackUrl: callbackUrl(apiBaseUrl, caller.orgId),
      },
    };
  },

  async putWhatsApp({ caller, body, now, apiBaseUrl }) {
    assertAdmin(caller, 'connect WhatsApp');
    const { keyId, keySecret, webhookSecret, ...shown } = body;
    const secretName = await writeWhatsAppSecret(whatsAppSecretPrefix, caller.orgId, {
      keyId,
      keySecret,
      ...(webhookSecret && { webhookSecret }),
    });
    const webhookVerified = webhookSecret !== undefined;
    await putWhatsAppConnection(caller.orgId, {
      ...shown,
      secretName,
      webhookVerified,
      updatedAt: now.toISOString(),
    });
    return {
      body: {
        connected: true,
        ...shown,
        webhookVerified,
        callbackUrl: callbackUrl(apiBaseUrl, caller.orgId),
      },
    };
  },

  async listUsers({ caller, query }) {
    assertAdmin(caller, 'list the organization’s users');
    const page = pageOfList(await listUsers(caller.orgId), (user) => [user.userId], query, [
      'users',
      caller.orgId,
      caller.userId,
    ]);
    const items = page.items.map(({ userId, email, role }) => ({ userId, role, ...(email && { email }) }));
    return { body: { items, ...(page.nextCursor && { nextCursor: page.nextCursor }) } };
  },
});

/** Where Sinch must post this org's callbacks: the webhook route of this same API. */
function callbackUrl(apiBaseUrl: string, orgId: string): string {
  return `${apiBaseUrl}/webhooks/sinch/${encodeURIComponent(orgId)}`;
}
