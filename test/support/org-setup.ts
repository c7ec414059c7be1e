/**
 * A new org with an admin and one assistant (Berlin, weekdays 09:00-17:00), made through the assistants
 * API as a frontend would: the common start of the handler-level integration tests.
 */
import { randomUUID } from 'node:crypto';
import { handler as assistantsApi } from '../../lambdas/assistants-api';
import { invoke, type TestCaller } from './invoke';

export async function orgWithAssistant(): Promise<{ orgId: string; admin: TestCaller; assistantId: string }> {
  const orgId = `org-${randomUUID()}`;
  const admin: TestCaller = { orgId, userId: 'admin', role: 'admin' };
  const { status, body: assistant } = await invoke(assistantsApi, 'createAssistant', {
    caller: admin,
    body: {
      name: 'Maya',
      email: `maya.${orgId}@assistants.followup.test`,
      timezone: 'Europe/Berlin',
      businessHours: { start: '09:00', end: '17:00', days: [1, 2, 3, 4, 5] },
    },
  });
  if (status !== 201)
    throw new Error(`The assistant was not created: ${status} ${JSON.stringify(assistant)}`);
  return { orgId, admin, assistantId: assistant.id as string };
}
