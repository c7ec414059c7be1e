import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  signReceivingProbe,
  signSinchCallback,
  signUnsubscribeToken,
  verifyReceivingProbe,
  verifySinchSignature,
  verifyUnsubscribeToken,
} from '../../../lambdas/core/signatures';

const key = 'k'.repeat(64);

describe('unsubscribe tokens', () => {
  it('round-trips the org and lead', () => {
    const token = signUnsubscribeToken({ orgId: 'acme', leadId: 'lead-1' }, key);

    expect(verifyUnsubscribeToken(token, key)).toEqual({ orgId: 'acme', leadId: 'lead-1' });
    expect(token).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('refuses a token signed with another key, or with any character changed', () => {
    const token = signUnsubscribeToken({ orgId: 'acme', leadId: 'lead-1' }, key);
    const forgedPayload = Buffer.from(JSON.stringify({ o: 'acme', l: 'lead-2' })).toString('base64url');

    expect(verifyUnsubscribeToken(token, 'other-key')).toBeUndefined();
    expect(verifyUnsubscribeToken(`${forgedPayload}.${token.split('.')[1]}`, key)).toBeUndefined();
    expect(verifyUnsubscribeToken('garbage', key)).toBeUndefined();
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...'ABCxyz019-_'),
        (position, replacement) => {
          const altered = token.slice(0, position) + replacement + token.slice(position + 1);
          fc.pre(altered !== token);
          expect(verifyUnsubscribeToken(altered, key)).toBeUndefined();
        },
      ),
    );
  });
});

describe('receiving probes', () => {
  const claims = { orgId: 'org-1', assistantId: 'a-1', address: 'maya@customer.example' };

  it('verifies its own token and refuses another key, an altered payload or an unsubscribe token', () => {
    const token = signReceivingProbe(claims, 'key-1');
    const [purpose, payload, mac] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ o: 'org-2', a: 'a-1', e: 'x@y.z' })).toString(
      'base64url',
    );
    const unsubscribe = signUnsubscribeToken({ orgId: 'org-1', leadId: 'a-1' }, 'key-1');

    expect(verifyReceivingProbe(token, 'key-1')).toEqual(claims);
    expect(verifyReceivingProbe(token, 'key-2')).toBeUndefined();
    expect(verifyReceivingProbe(`${purpose}.${otherPayload}.${mac}`, 'key-1')).toBeUndefined();
    expect(verifyReceivingProbe(`rp.${unsubscribe}`, 'key-1')).toBeUndefined();
    expect(verifyUnsubscribeToken(`${payload}.${mac}`, 'key-1')).toBeUndefined();
  });
});

describe('Sinch webhook signatures', () => {
  const now = new Date('2026-03-03T10:00:00Z');
  const timestamp = String(now.getTime() / 1000);
  const rawBody = '{"message":{"contact_message":{"text_message":{"text":"Thanks!"}}}}';
  const signature = signSinchCallback(rawBody, 'secret', 'nonce-1', timestamp);

  it('accepts a fresh, correctly signed callback', () => {
    expect(verifySinchSignature({ rawBody, signature, nonce: 'nonce-1', timestamp }, 'secret', now)).toBe(
      true,
    );
  });

  it('refuses a changed body, a wrong secret, missing parts and stale timestamps', () => {
    expect(
      verifySinchSignature({ rawBody: `${rawBody} `, signature, nonce: 'nonce-1', timestamp }, 'secret', now),
    ).toBe(false);
    expect(verifySinchSignature({ rawBody, signature, nonce: 'nonce-1', timestamp }, 'other', now)).toBe(
      false,
    );
    expect(
      verifySinchSignature({ rawBody, signature: undefined, nonce: 'nonce-1', timestamp }, 'secret', now),
    ).toBe(false);
    const later = new Date(now.getTime() + 6 * 60 * 1000);
    expect(verifySinchSignature({ rawBody, signature, nonce: 'nonce-1', timestamp }, 'secret', later)).toBe(
      false,
    );
  });
});
