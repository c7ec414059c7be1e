/**
 * Cognito pre-token-generation trigger (event version 2): copies the user's organization and role from
 * the custom attributes into the access token as `org_id` and `role`. ID tokens carry `custom:org_id`
 * already, but the public API is called with access tokens, which carry no custom attributes otherwise.
 * `http/identity.ts` reads either form.
 */
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import type { Role } from './core/permissions';
import { logger } from './runtime/observability';

export interface AccessTokenClaims {
  org_id?: string;
  role: Role;
}

/** Unknown or missing roles become `member`, the role with the fewest rights. */
export function accessTokenClaims(userAttributes: Record<string, string>): AccessTokenClaims {
  const orgId = userAttributes['custom:org_id'];
  const role: Role = userAttributes['custom:role'] === 'admin' ? 'admin' : 'member';
  return orgId ? { org_id: orgId, role } : { role };
}

export async function handler(
  event: PreTokenGenerationV2TriggerEvent,
): Promise<PreTokenGenerationV2TriggerEvent> {
  const claims = accessTokenClaims(event.request.userAttributes);
  if (claims.org_id === undefined) {
    // The token is still issued and the API answers 403. custom:org_id is immutable, so such a user was
    // created without one and has to be recreated with it.
    logger.warn('User has no custom:org_id; the access token will carry no org_id', {
      userPoolId: event.userPoolId,
      triggerSource: event.triggerSource,
    });
  }
  // Cognito sends `claimsAndScopeOverrideDetails: null`; this trigger is the only one that fills it.
  event.response = {
    claimsAndScopeOverrideDetails: { accessTokenGeneration: { claimsToAddOrOverride: { ...claims } } },
  };
  return event;
}
