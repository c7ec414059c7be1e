/**
 * Org-level items. Access patterns (see docs/data-model.md):
 * - get/put an org's settings                  pk=ORG#<org>, sk=SETTINGS
 * - get/put an org's WhatsApp connection        pk=ORG#<org>, sk=WHATSAPP (no secrets: those are in
 *   Secrets Manager; the item keeps what may be shown)
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DEFAULT_ORG_SETTINGS, type OrgSettings, OrgSettingsSchema } from '../core/org-settings';
import { db, tableName } from './client';
import { orgKey, recordOf } from './items';

export const settingsKey = (orgId: string) => ({ pk: orgKey(orgId), sk: 'SETTINGS' });
const whatsAppKey = (orgId: string) => ({ pk: orgKey(orgId), sk: 'WHATSAPP' });

export interface WhatsAppConnection {
  projectId: string;
  appId: string;
  region: 'us' | 'eu' | 'br';
  /** Name of the Secrets Manager secret holding the key id and secret (and the webhook secret). */
  secretName: string;
  /** A webhook secret is stored, so Sinch's callbacks can be verified. */
  webhookVerified?: boolean;
  updatedAt: string;
}

/** Through the schema: settings stored before a field existed get its default. */
export const settingsFromItem = (item: Record<string, unknown> | undefined): OrgSettings =>
  item ? OrgSettingsSchema.parse(recordOf<OrgSettings>(item, ['orgId', 'updatedAt'])) : DEFAULT_ORG_SETTINGS;

export async function getOrgSettings(orgId: string): Promise<OrgSettings> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: settingsKey(orgId), ConsistentRead: true }),
  );
  return settingsFromItem(Item);
}

export async function putOrgSettings(orgId: string, settings: OrgSettings, now: Date): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...settingsKey(orgId), entity: 'settings', ...settings, orgId, updatedAt: now.toISOString() },
    }),
  );
}

export async function getWhatsAppConnection(orgId: string): Promise<WhatsAppConnection | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: whatsAppKey(orgId), ConsistentRead: true }),
  );
  return Item && recordOf<WhatsAppConnection>(Item, ['orgId']);
}

export async function putWhatsAppConnection(orgId: string, connection: WhatsAppConnection): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...whatsAppKey(orgId), entity: 'whatsapp', ...connection, orgId },
    }),
  );
}
