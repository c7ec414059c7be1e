/**
 * Standard Webhooks signing (https://www.standardwebhooks.com), by the `standardwebhooks` package a
 * receiver verifies with: `webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>`, one per
 * secret, space-separated, so during a rotation a receiver holding either secret verifies.
 */
import { Webhook } from 'standardwebhooks';

export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signedHeaders(
  messageId: string,
  timestamp: Date,
  body: string,
  secrets: readonly string[],
): SignedHeaders {
  if (secrets.length === 0) throw new Error('A delivery needs a secret to sign with');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets
      .map((secret) => new Webhook(secret).sign(messageId, timestamp, body))
      .join(' '),
  };
}
