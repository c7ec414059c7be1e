import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { callerFromClaims } from '../../lambdas/http/identity';
import { accessTokenClaims, handler } from '../../lambdas/token-claims';

/** A pre-token-generation event as Cognito sends it for a sign-in: the response is still empty. */
function signInEvent(userAttributes: Record<string, string>): PreTokenGenerationV2TriggerEvent {
  return {
    version: '2',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_Example',
    triggerSource: 'TokenGeneration_Authentication',
    userName: 'b1c2d3e4-user',
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'web-client' },
    request: {
      userAttributes: { sub: 'b1c2d3e4-user', email: 'ada@example.com', ...userAttributes },
      groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [] },
      scopes: ['aws.cognito.signin.user.admin'],
    },
    response: {
      // Cognito sends null here; the type says otherwise.
      claimsAndScopeOverrideDetails:
        null as unknown as PreTokenGenerationV2TriggerEvent['response']['claimsAndScopeOverrideDetails'],
    },
  };
}

describe('accessTokenClaims', () => {
  it('copies the organization and an admin role', () => {
    // Prepare
    const attributes = { 'custom:org_id': 'org-42', 'custom:role': 'admin' };

    // Act
    const claims = accessTokenClaims(attributes);

    // Assess
    expect(claims).toEqual({ org_id: 'org-42', role: 'admin' });
  });

  it('makes a user without a role a member', () => {
    // Prepare
    const attributes = { 'custom:org_id': 'org-42' };

    // Act
    const claims = accessTokenClaims(attributes);

    // Assess
    expect(claims).toEqual({ org_id: 'org-42', role: 'member' });
  });

  it('makes a user with a role it does not know a member', () => {
    // Prepare
    const attributes = { 'custom:org_id': 'org-42', 'custom:role': 'Admin ' };

    // Act
    const claims = accessTokenClaims(attributes);

    // Assess
    expect(claims).toEqual({ org_id: 'org-42', role: 'member' });
  });

  it('adds no org_id for a user without an organization', () => {
    // Prepare
    const attributes = { 'custom:role': 'admin' };

    // Act
    const claims = accessTokenClaims(attributes);

    // Assess
    expect(claims).toEqual({ role: 'admin' });
  });
});

describe('handler', () => {
  it('adds org_id and role to the access token and leaves the ID token alone', async () => {
    // Prepare
    const event = signInEvent({ 'custom:org_id': 'org-42', 'custom:role': 'admin' });

    // Act
    const result = await handler(event);

    // Assess
    expect(result.response).toEqual({
      claimsAndScopeOverrideDetails: {
        accessTokenGeneration: { claimsToAddOrOverride: { org_id: 'org-42', role: 'admin' } },
      },
    });
    expect(result.request).toEqual(event.request);
  });

  it('issues tokens that the API reads as a caller of that organization', async () => {
    // Prepare
    const event = signInEvent({ 'custom:org_id': 'org-42' });

    // Act
    const result = await handler(event);
    const added = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;
    const caller = callerFromClaims({ sub: 'b1c2d3e4-user', client_id: 'web-client', ...added });

    // Assess
    expect(caller).toEqual({ orgId: 'org-42', userId: 'b1c2d3e4-user', role: 'member' });
  });

  it('still issues tokens for a user without an organization, which the API then refuses', async () => {
    // Prepare
    const event = signInEvent({});

    // Act
    const result = await handler(event);
    const added = result.response.claimsAndScopeOverrideDetails.accessTokenGeneration?.claimsToAddOrOverride;

    // Assess
    expect(added).toEqual({ role: 'member' });
    expect(() => callerFromClaims({ sub: 'b1c2d3e4-user', ...added })).toThrow(/carries no organization/);
  });
});
