/** Drives a running local stack over HTTP the way a frontend does (see local/api-client.ts). */
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { DomainEvent } from '../../lambdas/core/domain-events';
import {
  type ApiAnswer,
  type ApiCall,
  apiClient,
  type LocalClaims,
  localToken,
} from '../../local/api-client';
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

/** A fresh org signed in as its admin, with one assistant working New York business hours on weekdays. */
export async function newOrgWithAssistant(baseUrl: string) {
  const orgId = `org-${randomUUID().slice(0, 8)}`;
  const api = await signedIn(baseUrl, { orgId, userId: 'sam', role: 'admin' });
  const created = await api('POST', '/assistants', {
    name: 'Maya Chen',
    email: `maya.${orgId}@assistants.localhost`,
    timezone: 'America/New_York',
    businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
  });
  expect(created.status).toBe(201);
  const assistant: { id: string; email: string } = created.body;
  return { orgId, api, assistant };
}

/** A POST to one of the local stack's own routes (`/_local/*`): what a provider or the mail would deliver. */
export async function postLocal(
  baseUrl: string,
  path: string,
  body: string | object,
  contentType = 'application/json',
): Promise<ApiAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

/**
 * A lead's answer to one of the assistant's e-mails, as their mail client writes it (RFC 5322), for
 * `POST /_local/inbound/email`: threaded on the SES message it answers.
 */
export function answerMail(input: {
  from: string;
  to: string;
  answering: Pick<OutboxItem, 'subject' | 'providerMessageId'> | undefined;
  at: Date;
  text: string;
  subjectPrefix?: string;
  headers?: string[];
}): string {
  const answered = `<${input.answering?.providerMessageId ?? 'none'}@email.amazonses.com>`;
  return [
    `From: ${input.from}`,
    `To: ${input.to}`,
    `Subject: ${input.subjectPrefix ?? 'Re:'} ${input.answering?.subject ?? ''}`,
    `Date: ${input.at.toUTCString()}`,
    `Message-ID: <${randomUUID()}@mail.example>`,
    `In-Reply-To: ${answered}`,
    `References: ${answered}`,
    ...(input.headers ?? []),
    '',
    input.text,
  ].join('\r\n');
}

/** One entry of the local EventBridge bus, as `GET /_local/events` lists it. */
export interface PublishedEvent {
  eventId: string;
  source: string;
  detailType: string;
  event: DomainEvent;
}

/** What the domain events' publisher put on the local bus, oldest first, filtered as the route filters. */
export async function publishedEvents(
  baseUrl: string,
  filter: { orgId?: string; subjectId?: string; type?: string } = {},
): Promise<PublishedEvent[]> {
  const query = new URLSearchParams(filter).toString();
  const response = await fetch(`${baseUrl}/_local/events${query && `?${query}`}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: PublishedEvent[] }).items;
}
