/**
 * Webhook signing secrets in Secrets Manager (encrypted at rest with KMS, every read in CloudTrail), one
 * secret per webhook under the stack's webhook prefix: `<prefix><orgId>/<webhookId>`, so IAM can scope
 * the API (write) and the delivery worker (read) to that prefix. The value is JSON: the current secret
 * and, within 24 h of a rotation, the previous one. Its shape is checked here, where it enters.
 */
import * as z from 'zod/mini';
import type { WebhookSecrets } from '../core/webhooks';
import { deleteSecret, readSecret, writeSecret } from './secrets';

const StoredSchema = z.object({
  current: z.string().check(z.startsWith('whsec_')),
  previous: z.optional(
    z.object({ secret: z.string().check(z.startsWith('whsec_')), validUntil: z.iso.datetime() }),
  ),
  /** When this value was written: a reader whose cached copy is older reads afresh. */
  rotatedAt: z.optional(z.string()),
});

export const webhookSecretName = (prefix: string, orgId: string, webhookId: string) =>
  `${prefix}${orgId}/${webhookId}`;

export interface WebhookSecretStore {
  read(orgId: string, webhookId: string, rotatedAt?: string): Promise<WebhookSecrets | undefined>;
  write(orgId: string, webhookId: string, secrets: WebhookSecrets, rotatedAt: string): Promise<void>;
  remove(orgId: string, webhookId: string): Promise<void>;
}

export function webhookSecretStore(prefix: string): WebhookSecretStore {
  const parse = (orgId: string, webhookId: string, stored: string) => {
    let json: unknown;
    try {
      json = JSON.parse(stored);
    } catch {
      throw new Error(`The secret of webhook ${webhookId} of org ${orgId} is not JSON`);
    }
    const parsed = StoredSchema.safeParse(json);
    if (!parsed.success) throw new Error(`The secret of webhook ${webhookId} of org ${orgId} is malformed`);
    return parsed.data;
  };
  return {
    /** `rotatedAt`: the rotation the webhook record knows of; a cached value from before it is read again. */
    async read(orgId, webhookId, rotatedAt) {
      const name = webhookSecretName(prefix, orgId, webhookId);
      let stored = await readSecret(name);
      if (stored === undefined) return undefined;
      let value = parse(orgId, webhookId, stored);
      if (rotatedAt !== undefined && value.rotatedAt !== rotatedAt) {
        stored = await readSecret(name, { fresh: true });
        if (stored === undefined) return undefined;
        value = parse(orgId, webhookId, stored);
      }
      const { current, previous } = value;
      return { current, ...(previous && { previous }) };
    },
    async write(orgId, webhookId, secrets, rotatedAt) {
      await writeSecret(
        webhookSecretName(prefix, orgId, webhookId),
        JSON.stringify({ ...secrets, rotatedAt }),
      );
    },
    async remove(orgId, webhookId) {
      await deleteSecret(webhookSecretName(prefix, orgId, webhookId));
    },
  };
}
