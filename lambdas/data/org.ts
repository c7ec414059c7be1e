/**
 * Org-level items. Access patterns (see docs/data-model.md):
 * - get/put an org's settings                  pk=ORG#<org>, sk=SETTINGS (versioned: a put names the
 *   version it replaces; 0 for the defaults of an org that never saved any)
 * - get/put an org's WhatsApp connection        pk=ORG#<org>, sk=WHATSAPP (no secrets: those are in
 *   Secrets Manager; the item keeps what may be shown)
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { PreconditionFailedError } from '../core/errors';
import { defaultOrgSettings, type OrgSettings, OrgSettingsSchema } from '../core/org-settings';
import { db, tableName } from './client';
import { conditionFailed } from './conditions';
import { orgKey, recordOf } from './items';

export const settingsKey = (orgId: string) => ({ pk: orgKey(orgId), sk: 'SETTINGS' });
export const whatsAppKey = (orgId: string) => ({ pk: orgKey(orgId), sk: 'WHATSAPP' });

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
  item
    ? OrgSettingsSchema().parse(recordOf<OrgSettings>(item, ['orgId', 'updatedAt', 'version']))
    : defaultOrgSettings();

/** Items saved before settings were versioned, and the defaults, are version 0. */
const versionOf = (item: Record<string, unknown> | undefined) =>
  typeof item?.version === 'number' ? item.version : 0;

/** The settings and their version from the stored item (absent: the defaults, version 0). */
export const versionedSettingsFromItem = (item: Record<string, unknown> | undefined) => ({
  settings: settingsFromItem(item),
  version: versionOf(item),
});

export async function getOrgSettings(orgId: string): Promise<OrgSettings> {
  return (await getVersionedOrgSettings(orgId)).settings;
}

export async function getVersionedOrgSettings(
  orgId: string,
): Promise<{ settings: OrgSettings; version: number }> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: settingsKey(orgId), ConsistentRead: true }),
  );
  return versionedSettingsFromItem(Item);
}

/** Replaces the settings if they are still at `expectedVersion` (else 412); answers the new version. */
export async function putOrgSettings(
  orgId: string,
  settings: OrgSettings,
  now: Date,
  expectedVersion: number,
): Promise<number> {
  const version = expectedVersion + 1;
  try {
    await db.send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...settingsKey(orgId),
          entity: 'settings',
          ...settings,
          orgId,
          version,
          updatedAt: now.toISOString(),
        },
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(version)' }
          : {
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    const stored = conditionFailed(error);
    if (stored === undefined) throw error;
    throw new PreconditionFailedError(
      `The settings are at version ${versionOf(stored ?? undefined)}, not ${expectedVersion}: reload them`,
    );
  }
  return version;
}

export async function getWhatsAppConnection(orgId: string): Promise<WhatsAppConnection | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName(), Key: whatsAppKey(orgId), ConsistentRead: true }),
  );
  return Item && recordOf<WhatsAppConnection>(Item, ['orgId']);
}

export async function putWhatsAppConnection(orgId: string, connection: WhatsAppConnection): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName(),
      Item: { ...whatsAppKey(orgId), entity: 'whatsapp', ...connection, orgId },
    }),
  );
}
