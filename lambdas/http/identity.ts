/**
 * Who is calling: the one place that maps the JWT authorizer's claims to a Caller. Handlers never read
 * claims themselves. API Gateway has already verified the token; locally the local server has.
 */
import { ForbiddenError, UnauthorizedError } from '../core/errors';
import type { Caller } from '../core/permissions';

const ORG_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

export type JwtClaims = Record<string, string | number | boolean | string[]>;

export function callerFromClaims(claims: JwtClaims | undefined): Caller {
  const userId = claims?.sub;
  if (typeof userId !== 'string' || userId === '') throw new UnauthorizedError('A bearer token is required');
  const orgId = claims?.['custom:org_id'] ?? claims?.org_id;
  if (typeof orgId !== 'string' || orgId === '') {
    throw new ForbiddenError('The token carries no organization (custom:org_id or org_id claim)');
  }
  // Org ids become part of table keys (`ORG#<org>`): a `#` could reach into another key's space.
  if (!ORG_ID.test(orgId)) throw new ForbiddenError('The token’s organization id is not a valid id');
  const role = claims?.['custom:role'] ?? claims?.role;
  const email = claims?.email;
  return {
    orgId,
    userId,
    role: role === 'admin' ? 'admin' : 'member',
    ...(typeof email === 'string' && email !== '' && { email: email.toLowerCase() }),
  };
}
