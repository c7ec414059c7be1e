/**
 * An org's Sinch credentials in Secrets Manager, under the stack's WhatsApp prefix: one JSON secret per
 * org, written by PUT /org/whatsapp, read by the sender (to send) and the public API (to verify Sinch's
 * callbacks). Its shape is checked here, where it enters, and nowhere else.
 */
import * as z from 'zod/mini';
import { readSecret, writeSecret } from './secrets';

const WhatsAppSecretSchema = z.object({
  keyId: z.string().check(z.minLength(1)),
  keySecret: z.string().check(z.minLength(1)),
  /** The secret Sinch signs its callbacks with; without it callbacks cannot be verified. */
  webhookSecret: z.optional(z.string().check(z.minLength(1))),
});

export type WhatsAppSecret = z.output<typeof WhatsAppSecretSchema>;

export const whatsAppSecretName = (prefix: string, orgId: string) => `${prefix}${orgId}`;

/** The org's credentials, or undefined when it has connected none. */
export async function readWhatsAppSecret(prefix: string, orgId: string): Promise<WhatsAppSecret | undefined> {
  const stored = await readSecret(whatsAppSecretName(prefix, orgId));
  if (stored === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(stored);
  } catch {
    throw new Error(`The WhatsApp secret of org ${orgId} is not JSON`);
  }
  const parsed = WhatsAppSecretSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `The WhatsApp secret of org ${orgId} lacks ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`,
    );
  }
  return parsed.data;
}

/** Stores the org's credentials and answers the secret's name. */
export async function writeWhatsAppSecret(
  prefix: string,
  orgId: string,
  secret: WhatsAppSecret,
): Promise<string> {
  const name = whatsAppSecretName(prefix, orgId);
  const { keyId, keySecret, webhookSecret } = WhatsAppSecretSchema.parse(secret);
  await writeSecret(name, JSON.stringify({ keyId, keySecret, ...(webhookSecret && { webhookSecret }) }));
  return name;
}
