/**
 * Signed values the outside world hands back to us: unsubscribe tokens in links we send, and Sinch's
 * webhook signatures on callbacks it sends. HMAC-SHA256 throughout, compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface UnsubscribeClaims {
  orgId: string;
  leadId: string;
}

/** `<payload>.<mac>`, both base64url: unguessable without the key, and tamper-evident. */
export function signUnsubscribeToken(claims: UnsubscribeClaims, key: string): string {
  const payload = Buffer.from(JSON.stringify({ o: claims.orgId, l: claims.leadId })).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/** The claims of a token we signed, or undefined for anything forged, altered or malformed. */
export function verifyUnsubscribeToken(token: string, key: string): UnsubscribeClaims | undefined {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return undefined;
  if (!sameBytes(Buffer.from(signature, 'base64url'), mac(key, payload))) return undefined;
  try {
    const { o, l } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
      o?: unknown;
      l?: unknown;
    };
    return typeof o === 'string' && typeof l === 'string' ? { orgId: o, leadId: l } : undefined;
  } catch {
    return undefined;
  }
}

export const SINCH_SIGNATURE_MAX_AGE_SECONDS = 5 * 60;

export interface SinchSignedRequest {
  rawBody: string;
  signature: string | undefined;
  nonce: string | undefined;
  /** Seconds since the epoch, as Sinch sends it. */
  timestamp: string | undefined;
}

/**
 * Sinch's callback signature: base64 HMAC-SHA256 over `${rawBody}.${nonce}.${timestamp}` with the
 * webhook secret. Refuses missing parts, a wrong signature, and a timestamp more than 5 minutes away
 * from now (replays).
 */
export function verifySinchSignature(request: SinchSignedRequest, secret: string, now: Date): boolean {
  const { rawBody, signature, nonce, timestamp } = request;
  if (!signature || !nonce || !timestamp || !/^\d+$/.test(timestamp)) return false;
  const age = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (age > SINCH_SIGNATURE_MAX_AGE_SECONDS) return false;
  const expected = createHmac('sha256', secret).update(`${rawBody}.${nonce}.${timestamp}`).digest();
  return sameBytes(Buffer.from(signature, 'base64'), expected);
}

/** What the local stack uses to sign the callbacks it simulates, exactly as Sinch does. */
export function signSinchCallback(rawBody: string, secret: string, nonce: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${rawBody}.${nonce}.${timestamp}`).digest('base64');
}

function mac(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
