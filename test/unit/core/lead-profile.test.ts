/** What the renderer sees of a stored lead: its details and its referrer's name, no bookkeeping. */
import { describe, expect, it } from 'vitest';
import { type Lead, leadProfile } from '../../../lambdas/core/leads';
import { personalizeText } from '../../../lambdas/core/rendering/personalize';
import { SAMPLE_ASSISTANT, SAMPLE_ORG } from '../../../lambdas/core/rendering/profiles';

const referred: Lead = {
  id: 'lead-priya',
  orgId: 'org-1',
  assistantId: 'assistant-1',
  firstName: 'Priya',
  email: 'priya@acme.example',
  timezone: 'Europe/London',
  customFields: {},
  version: 1,
  createdAt: '2026-03-02T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  lastReplyAt: '2026-03-03T10:00:00.000Z',
  lastReply: { at: '2026-03-03T10:00:00.000Z', channel: 'email', intent: 'interested', confidence: 0.9 },
  referredBy: 'lead-tom',
  referrer: { firstName: 'Tom', lastName: 'Baker' },
  enrollment: {
    runId: 'run-1',
    sequenceId: 'seq-1',
    sequenceVersion: 1,
    status: 'active',
    nextStep: 0,
    nextReasons: [],
    revision: 1,
    startedAt: '2026-03-02T10:00:00.000Z',
  },
};

describe('leadProfile', () => {
  it('keeps the referrer’s name for messages and drops which lead referred, and the bookkeeping', () => {
    // Act
    const profile = leadProfile(referred);

    // Assess
    expect(profile.referrer).toEqual({ firstName: 'Tom', lastName: 'Baker' });
    for (const field of ['referredBy', 'lastReply', 'lastReplyAt', 'orgId', 'assistantId', 'enrollment'])
      expect(profile).not.toHaveProperty(field);
  });

  it('lets a stored referred lead’s message name its referrer', () => {
    // Act
    const text = personalizeText('{{lead.firstName}}, {{referrer.firstName}} {{referrer.lastName}} sent me', {
      lead: leadProfile(referred),
      org: SAMPLE_ORG,
      assistant: SAMPLE_ASSISTANT,
    });

    // Assess
    expect(text).toBe('Priya, Tom Baker sent me');
  });
});
