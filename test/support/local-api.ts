/** Drives a running local stack over HTTP the way a frontend does (see local/api-client.ts). */
import { expect } from 'vitest';
import { type ApiCall, apiClient, type LocalClaims, localToken } from '../../local/api-client';
import type { OutboxItem } from '../../local/outbox';
import type { LocalStack } from '../../local/stack';

export type { ApiAnswer, ApiCall } from '../../local/api-client';
export { apiClient, localToken as tokenFor };

export async function signedIn(baseUrl: string, claims: LocalClaims): Promise<ApiCall> {
  return apiClient(baseUrl, await localToken(baseUrl, claims));
}

/** Adds a lead through the API, failing the test unless it was created. */
export async function addLead(api: ApiCall, body: Record<string, unknown>) {
  const answer = await api('POST', '/leads', body);
  expect(answer.status).toBe(201);
  return answer.body;
}

/** The messages the local stack's outbox holds for an address, fetched from the SES stand-in first. */
export async function sentTo(stack: LocalStack, address: string): Promise<OutboxItem[]> {
  await stack.outbox.capture();
  return (await stack.outbox.items()).filter((item) => item.to.includes(address));
}

/**
 * Where local time starts in every test that runs a local stack: Monday 1 March 2027, 09:00 UTC
 * (10:00 in Berlin, 04:00 in New York). What falls due, and on which day, must never depend on when
 * the suite runs; tests that need another moment still set the clock themselves.
 */
export const PINNED_START = new Date('2027-03-01T09:00:00Z');
