/**
 * Imports end to end through the local stack: a CSV posted over HTTP, worked through by the import
 * worker off the local queue, its progress and row issues read back, and the imported leads' first
 * e-mails sent when the clock moves; a body past the import limit answers 413 naming the limit.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { signedIn, tokenFor } from '../support/local-api';

const DAY = 24 * 3600 * 1000;
const stack = useContractCheckedStack();

describe('an import over HTTP', () => {
  it('adds the leads of a CSV in the background, says which rows failed, and their follow-ups go out', async () => {
    // Prepare
    const orgId = `org-${randomUUID().slice(0, 8)}`;
    const claims = { orgId, userId: 'alice', role: 'admin' };
    const api = await signedIn(stack().url, claims);
    const token = await tokenFor(stack().url, claims);
    const { body: assistant } = await api('POST', '/assistants', {
      name: 'Maya Chen',
      email: `maya.${orgId}@assistants.localhost`,
      timezone: 'Europe/Berlin',
      dailyLimit: 200,
    });
    const { body: sequence } = await api('POST', '/sequences', {
      name: 'One e-mail',
      steps: [{ afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' }],
    });
    const lines = Array.from({ length: 120 }, (_, index) =>
      index === 7
        ? 'Broken,not-an-address,'
        : `Lead ${index},lead-${index}@${orgId}.example,Company ${index}`,
    );
    const csv = ['firstName,email,company', ...lines].join('\n');
    const post = (body: string) =>
      fetch(`${stack().url}/imports?assistantId=${assistant.id}&sequenceId=${sequence.id}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body,
      });

    // Act
    const accepted = await post(csv);
    const acceptedBody = (await accepted.json()) as { id: string };
    await stack().settle();
    const { body: progress } = await api('GET', `/imports/${acceptedBody.id}`);
    const { body: errors } = await api('GET', `/imports/${acceptedBody.id}/errors`);
    const { body: recent } = await api('GET', '/imports');
    // Past a weekend, whatever day the local clock starts on.
    await stack().advance(4 * DAY);
    await stack().outbox.capture();
    const sent = (await stack().outbox.items()).filter((item) => item.to.includes(`@${orgId}.example`));
    const tooLarge = await post(`firstName\n${'x'.repeat(5 * 1024 * 1024)}`);

    // Assess
    expect(accepted.status).toBe(202);
    expect(acceptedBody).toEqual({ id: expect.any(String), status: 'queued', total: 120 });
    expect(progress).toMatchObject({ status: 'done', total: 120, created: 119, duplicates: 0, failed: 1 });
    expect(errors).toEqual({
      items: [
        // The sequence opens with a generated e-mail and the org has no offering: said once, not per row.
        { row: 1, code: 'offering_missing', message: expect.stringContaining('no offering') },
        { row: 8, code: 'validation_failed', message: expect.stringContaining('email'), field: 'email' },
      ],
    });
    expect(recent.items.map((item: { id: string }) => item.id)).toEqual([acceptedBody.id]);
    expect(new Set(sent.map((item) => item.to)).size).toBe(119);
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { message: string } }).error.message).toContain('5 MB');
    // Two pages of rows, then a day of sends: generous for a loaded machine.
  }, 240_000);

  it('answered its imports within docs/openapi.json (through the contract proxy)', () => {
    expect(stack().contract.violations()).toEqual([]);
    expect([...stack().contract.operationsSeen()]).toEqual(
      expect.arrayContaining(['createImport', 'getImport', 'listImportErrors', 'listImports']),
    );
  });
});
