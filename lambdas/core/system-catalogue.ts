/**
 * The system sequences and messages every org sees. They live in code, not in the table: they are the
 * same for everyone, read-only and versioned here (bump `version` when their content changes).
 */
import type { CustomMessage } from './messages';
import type { Sequence, Step } from './sequences';
import { nameKey } from './text';

const SYSTEM_OWNER = 'system';
const SYSTEM_ID_PREFIX = 'system-';

/** System items have `system-` ids; the org's own items have UUIDs, so the two never collide. */
export const isSystemId = (id: string) => id.startsWith(SYSTEM_ID_PREFIX);
const SYSTEM_TIME = '2026-01-01T00:00:00.000Z';

const followup = (afterDays: number, tone: Step['tone']): Step => ({
  afterDays,
  channel: 'email',
  messageType: 'generated',
  tone,
});

function systemSequence(
  fields: Pick<Sequence, 'id' | 'name' | 'description' | 'type' | 'steps' | 'version'>,
) {
  return (orgId: string): Sequence => ({
    ...fields,
    orgId,
    system: true,
    ownerId: SYSTEM_OWNER,
    createdAt: SYSTEM_TIME,
    updatedAt: SYSTEM_TIME,
  });
}

/**
 * Recommended: a first e-mail and 7 short generated follow-ups over 25 days, gaps widening from 2 to 6
 * days; the tones move from a gentle nudge to a polite close.
 */
const recommended = systemSequence({
  id: 'system-recommended',
  name: 'Recommended',
  description: 'A first e-mail and 7 short follow-ups over about 3-4 weeks, with growing gaps between them.',
  type: 'standard',
  version: 1,
  steps: [
    followup(0, 'candid'),
    followup(2, 'gentle'),
    followup(2, 'curious'),
    followup(3, 'appreciative'),
    followup(3, 'hopeful'),
    followup(4, 'candid'),
    followup(5, 'assertive'),
    followup(6, 'cautionary'),
  ],
});

/**
 * Recommended for Email CC: step 0 stands for the user's own e-mail and is never sent; 4 follow-ups
 * 3, 4, 5 and 7 days apart.
 */
const recommendedEmailCc = systemSequence({
  id: 'system-recommended-email-cc',
  name: 'Recommended for Email CC',
  description:
    "Follows up the e-mail you CC'd the assistant on: the first follow-up 3 days later, then 3 more.",
  type: 'email_cc',
  version: 1,
  steps: [
    followup(0, 'candid'),
    followup(3, 'gentle'),
    followup(4, 'curious'),
    followup(5, 'hopeful'),
    followup(7, 'cautionary'),
  ],
});

const SYSTEM_SEQUENCES = [recommended, recommendedEmailCc];

export function systemSequences(orgId: string): Sequence[] {
  return SYSTEM_SEQUENCES.map((make) => make(orgId));
}

export function findSystemSequence(orgId: string, id: string): Sequence | undefined {
  return systemSequences(orgId).find((sequence) => sequence.id === id);
}

function systemMessage(fields: Pick<CustomMessage, 'id' | 'name' | 'channel' | 'email' | 'version'>) {
  return (orgId: string): CustomMessage => ({
    ...fields,
    orgId,
    system: true,
    ownerId: SYSTEM_OWNER,
    createdAt: SYSTEM_TIME,
    updatedAt: SYSTEM_TIME,
  });
}

const SYSTEM_MESSAGES = [
  systemMessage({
    id: 'system-post-proposal',
    name: 'Post-proposal follow-up',
    channel: 'email',
    version: 1,
    email: {
      subject: 'Following up on our proposal',
      html: '<p>Hi {{lead.firstName|there}},</p><p>I wanted to check whether you had a chance to look at the proposal we sent over. Happy to walk through any part of it with you or your team.</p>',
    },
  }),
  systemMessage({
    id: 'system-after-demo',
    name: 'After the demo',
    channel: 'email',
    version: 1,
    email: {
      subject: 'Thanks for your time today',
      html: '<p>Hi {{lead.firstName|there}},</p><p>Thank you for joining the demo. If it would help, I can set up a short call with your team at {{lead.company|your company}} to answer any questions.</p>',
    },
  }),
  systemMessage({
    id: 'system-break-up',
    name: 'Closing the loop',
    channel: 'email',
    version: 1,
    email: {
      subject: 'Should I close your file?',
      html: "<p>Hi {{lead.firstName|there}},</p><p>I haven't heard back, so I'll assume the timing isn't right and stop reaching out. If anything changes, just reply to this e-mail.</p>",
    },
  }),
];

export function systemMessages(orgId: string): CustomMessage[] {
  return SYSTEM_MESSAGES.map((make) => make(orgId));
}

export function findSystemMessage(orgId: string, id: string): CustomMessage | undefined {
  return systemMessages(orgId).find((message) => message.id === id);
}

/** Names are unique per org case-insensitively, and system names count. */
export function isSystemName(kind: 'sequence' | 'message', name: string): boolean {
  const names = kind === 'sequence' ? systemSequences('') : systemMessages('');
  const wanted = nameKey(name);
  return names.some((item) => nameKey(item.name) === wanted);
}

/** The form a name takes for uniqueness (core/text.ts): NFC, no zero-width characters, trimmed, case-folded. */
export { nameKey };
