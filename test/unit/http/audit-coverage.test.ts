/**
 * Every change an admin or a resource's owner makes is audited by declaration (the contract's `audit`,
 * written by the API handler), so a new write route of these functions cannot be added without it; and
 * what goes into an entry never holds a secret.
 */
import { describe, expect, it } from 'vitest';
import { withoutSecrets } from '../../../lambdas/core/audit';
import { type Operation, operations } from '../../../lambdas/http/contract';

/** The functions whose writes are org configuration (#25: settings, sequences, assistants, webhooks, ...). */
const AUDITED_FUNCTIONS = [
  'org',
  'sequences',
  'messages',
  'assistants',
  'webhooks',
  'suppressions',
  'privacy',
];
/** Writes that change nothing stored: previews, a dry-run impact, a test ping, a receiving probe. */
const NOT_CHANGES = [
  'sequenceImpact',
  'previewSequenceStep',
  'previewStepDates',
  'previewMessage',
  'testWebhook',
  'verifyAssistantReceiving',
];

describe('the audit log', () => {
  it('is written for every write of the org’s configuration, by its contract', () => {
    // Prepare
    const writes = Object.entries(operations as Record<string, Operation>).filter(
      ([id, operation]) =>
        AUDITED_FUNCTIONS.includes(operation.fn) && operation.method !== 'GET' && !NOT_CHANGES.includes(id),
    );

    // Act
    const unaudited = writes.filter(([, operation]) => !operation.audit).map(([id]) => id);

    // Assess
    expect(writes.length).toBeGreaterThan(20);
    expect(unaudited).toEqual([]);
  });

  it('records the decisions on reviewed steps, admin and owner actions of the leads function', () => {
    const decisions = Object.entries(operations as Record<string, Operation>).filter(
      ([, operation]) => operation.path.startsWith('/approvals/') && operation.method !== 'GET',
    );

    expect(decisions.map(([id, operation]) => [id, operation.audit])).toEqual([
      ['approveApproval', { action: 'approval.approve', target: 'approval' }],
      ['rejectApproval', { action: 'approval.reject', target: 'approval' }],
    ]);
  });

  it('never keeps a secret, at any depth', () => {
    const entry = withoutSecrets({
      url: 'https://hooks.example/in',
      secret: 'whsec_abc',
      nested: [{ keySecret: 'k', keyId: 'id', webhookSecret: 'w', token: 't', name: 'kept' }],
    });

    expect(entry).toEqual({ url: 'https://hooks.example/in', nested: [{ name: 'kept' }] });
  });
});
