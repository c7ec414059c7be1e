/**
 * Local stand-in for the JWT authorizer: issues tokens signed with a dev key and verifies them the way
 * API Gateway does (signature, issuer, audience, expiry) before a request reaches a handler.
 */
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { JwtClaims } from '../lambdas/http/identity';

const ISSUER = 'https://followup.local/auth';
const AUDIENCE = 'followup-local';

export interface TokenRequest {
  orgId: string;
  userId: string;
  role?: 'admin' | 'member';
  email?: string;
}

export class LocalAuth {
  private readonly key: Uint8Array;

  constructor(secret?: string) {
    this.key = secret ? new TextEncoder().encode(secret) : randomBytes(32);
  }

  issue(request: TokenRequest): Promise<string> {
    const claims: Record<string, string> = { org_id: request.orgId, role: request.role ?? 'member' };
    if (request.email) claims.email = request.email;
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(request.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('12h')
      .sign(this.key);
  }

  /** The token's claims, or undefined when the header holds no valid bearer token. */
  async verify(authorization: string | undefined): Promise<JwtClaims | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE });
      return payload as JwtClaims;
    } catch {
      return undefined;
    }
  }
}
