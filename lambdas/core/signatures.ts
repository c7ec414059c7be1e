/**
 * Signed values the outside world hands back to us: unsubscribe tokens in links we send, receiving
 * probes we mail to an assistant's own address, and Sinch's webhook signatures on callbacks it sends. HMAC-SHA256 throughout, compared in constant time.
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
  const signatureBytes = strictBase64url(signature);
  if (!signatureBytes || !sameBytes(signatureBytes, mac(key, payload))) return undefined;
  const payloadBytes = strictBase64url(payload);
  if (!payloadBytes) return undefined;
  try {
    const { o, l } = JSON.parse(payloadBytes.toString('utf8')) as {
      o?: unknown;
      l?: unknown;
    };
    return typeof o === 'string' && typeof l === 'string' ? { orgId: o, leadId: l } : undefined;
  } catch {
    return undefined;
  }
}

/** What a receiving probe proves when it comes back: mail to `address` reaches this assistant. */
export interface ReceivingProbeClaims {
  orgId: string;
  assistantId: string;
  address: string;
}

/**
 * `rp.<payload>.<mac>`: the MAC covers the purpose too, so an unsubscribe token signed with the same key
 * is never taken for a probe, nor a probe for an unsubscribe token.
 */
export function signReceivingProbe(claims: ReceivingProbeClaims, key: string): string {
  const payload = Buffer.from(
    JSON.stringify({ o: claims.orgId, a: claims.assistantId, e: claims.address }),
  ).toString('base64url');
  return `rp.${payload}.${mac(key, `receiving-probe.${payload}`).toString('base64url')}`;
}

export function verifyReceivingProbe(token: string, key: string): ReceivingProbeClaims | undefined {
  const [purpose, payload, signature, ...rest] = token.split('.');
  if (purpose !== 'rp' || !payload || !signature || rest.length > 0) return undefined;
  const signatureBytes = strictBase64url(signature);
  if (!signatureBytes || !sameBytes(signatureBytes, mac(key, `receiving-probe.${payload}`))) return undefined;
  const payloadBytes = strictBase64url(payload);
  if (!payloadBytes) return undefined;
  try {
    const { o, a, e } = JSON.parse(payloadBytes.toString('utf8')) as {
      o?: unknown;
      a?: unknown;
      e?: unknown;
    };
    return typeof o === 'string' && typeof a === 'string' && typeof e === 'string'
      ? { orgId: o, assistantId: a, address: e }
      : undefined;
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
  const signatureBytes = strictBase64(signature);
  return signatureBytes !== undefined && sameBytes(signatureBytes, expected);
}

/** What the local stack uses to sign the callbacks it simulates, exactly as Sinch does. */
export function signSinchCallback(rawBody: string, secret: string, nonce: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${rawBody}.${nonce}.${timestamp}`).digest('base64');
}

/*
 * Node's decoders skip characters outside the alphabet and ignore trailing bits, so many strings decode
 * to the same bytes. Signatures are accepted only in the one spelling we (or Sinch) produce: the
 * alphabet, padding as the encoder writes it, and the text the bytes encode back to.
 */
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Unpadded base64url, canonical only. */
export function strictBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

/** Padded standard base64, canonical only. */
export function strictBase64(text: string): Buffer | undefined {
  if (text === '' || !BASE64.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function mac(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(payload).digest();
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
