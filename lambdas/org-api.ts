/**
 * The org API: settings (name, website, region policy) and the WhatsApp connection. Reading is for every
 * user; changing is for admins. The Sinch key secret goes to Secrets Manager and is never shown again.
 */
import { writeSecret } from './adapters/secrets';
import { assertAdmin } from './core/permissions';
import { getOrgSettings, getWhatsAppConnection, putOrgSettings, putWhatsAppConnection } from './data/org';
import { requiredEnv } from './env';
import { apiHandler } from './http/api-handler';

const whatsAppSecretPrefix = requiredEnv('WHATSAPP_SECRET_PREFIX');

export const handler = apiHandler('org', {
  async getOrgSettings({ caller }) {
    return { body: await getOrgSettings(caller.orgId) };
  },

  async putOrgSettings({ caller, body, now }) {
    assertAdmin(caller, 'change the organization’s settings');
    await putOrgSettings(caller.orgId, body, now);
    return { body };
  },

  async getWhatsApp({ caller }) {
    const connection = await getWhatsAppConnection(caller.orgId);
    if (!connection) return { body: { connected: false } };
    const { projectId, appId, region } = connection;
    return { body: { connected: true, projectId, appId, region } };
  },

  async putWhatsApp({ caller, body, now }) {
    assertAdmin(caller, 'connect WhatsApp');
    const { keyId, keySecret, ...shown } = body;
    const secretName = `${whatsAppSecretPrefix}${caller.orgId}`;
    await writeSecret(secretName, JSON.stringify({ keyId, keySecret }));
    await putWhatsAppConnection(caller.orgId, { ...shown, secretName, updatedAt: now.toISOString() });
    return { body: { connected: true, ...shown } };
  },
});
