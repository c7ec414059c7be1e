import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthorizedError } from '../../../lambdas/core/errors';
import { parseIfMatch } from '../../../lambdas/http/api-handler';
import { callerFromClaims } from '../../../lambdas/http/identity';

describe('callerFromClaims', () => {
  it('reads org from custom:org_id (Cognito ID tokens) or org_id (access tokens), role defaulting to member', () => {
    expect(callerFromClaims({ sub: 'u1', 'custom:org_id': 'acme', 'custom:role': 'admin' })).toEqual({
      orgId: 'acme',
      userId: 'u1',
      role: 'admin',
    });
    expect(callerFromClaims({ sub: 'u2', org_id: 'acme' })).toEqual({
      orgId: 'acme',
      userId: 'u2',
      role: 'member',
    });
    expect(callerFromClaims({ sub: 'u3', org_id: 'acme', role: 'owner' }).role).toBe('member');
  });

  it('refuses a token without an org (403) or without a subject (401)', () => {
    expect(() => callerFromClaims({ sub: 'u1' })).toThrow(ForbiddenError);
    expect(() => callerFromClaims({ sub: 'u1', org_id: '' })).toThrow(ForbiddenError);
    expect(() => callerFromClaims({ org_id: 'acme' })).toThrow(UnauthorizedError);
    expect(() => callerFromClaims(undefined)).toThrow(UnauthorizedError);
  });
});

describe('parseIfMatch', () => {
  it('accepts the version as its ETag, quoted', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch(' "12" ')).toBe(12);
  });

  it('never matches a weak ETag or a tag that is no version of ours: 412, as a stale version (RFC 9110)', () => {
    for (const header of ['W/"3"', 'W/"12"', '"abc"', '""', '"1e3"', '"9999999999999999"']) {
      expect(() => parseIfMatch(header), header).toThrow(
        expect.objectContaining({ code: 'precondition_failed' }),
      );
    }
  });

  it('asks for the header when missing (428) and names it when it is not one ETag (400)', () => {
    expect(() => parseIfMatch(undefined)).toThrow(expect.objectContaining({ code: 'precondition_required' }));
    expect(() => parseIfMatch('  ')).toThrow(expect.objectContaining({ code: 'precondition_required' }));
    for (const header of ['3', '"3', '3"', 'W/3', '"1", "2"', '*', 'w/"3"', '"a"b"', '"3 "']) {
      expect(() => parseIfMatch(header), header).toThrow(
        expect.objectContaining({
          code: 'validation_failed',
          details: [{ path: 'If-Match', message: expect.any(String) }],
        }),
      );
    }
  });
});
