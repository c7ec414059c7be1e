import { describe, expect, it } from 'vitest';
import { MessageInputSchema } from '../../../lambdas/core/messages';
import { assertCanEdit, canEdit } from '../../../lambdas/core/permissions';
import { unknownPlaceholders } from '../../../lambdas/core/placeholders';
import { SequenceInputSchema } from '../../../lambdas/core/sequences';
import { isSystemName, systemSequences } from '../../../lambdas/core/system-catalogue';

const alice = { orgId: 'acme', userId: 'alice', role: 'member' as const };

describe('permissions', () => {
  it('lets only the owner edit, and nobody edit system items', () => {
    expect(canEdit(alice, { system: false, ownerId: 'alice' })).toBe(true);
    expect(canEdit(alice, { system: false, ownerId: 'bob' })).toBe(false);
    expect(canEdit({ ...alice, role: 'admin' }, { system: true, ownerId: 'system' })).toBe(false);
    expect(() => assertCanEdit(alice, { system: false, ownerId: 'bob' }, 'sequence')).toThrow(
      /someone else.*clone/,
    );
    expect(() => assertCanEdit(alice, { system: true, ownerId: 'system' }, 'message')).toThrow(
      /System messages are read-only/,
    );
  });
});

describe('placeholders', () => {
  it('knows the lead, org, assistant and custom fields, with or without a fallback', () => {
    const text =
      '{{lead.firstName|there}} {{ lead.company }} {{org.website}} {{assistant.name}} {{lead.custom.plan_tier}}';
    expect(unknownPlaceholders(text)).toEqual([]);
  });

  it('reports the unknown ones as written', () => {
    expect(unknownPlaceholders('{{lead.email}} {{lead.custom.}} {{user.name|x}} {{lead.firstName}}')).toEqual(
      ['{{lead.email}}', '{{lead.custom.}}', '{{user.name|x}}'],
    );
  });
});

describe('sequence rules', () => {
  it('drops the field a step’s message type does not use', () => {
    const parsed = SequenceInputSchema().parse({
      name: 'x',
      steps: [
        { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid', messageId: 'stale' },
      ],
    });
    expect(parsed.steps[0]).toEqual({
      afterDays: 0,
      channel: 'email',
      messageType: 'generated',
      tone: 'candid',
    });
    expect(parsed).toMatchObject({ description: '', type: 'standard' });
  });

  it('makes WhatsApp steps custom', () => {
    const result = SequenceInputSchema().safeParse({
      name: 'x',
      steps: [{ afterDays: 0, channel: 'whatsapp', messageType: 'generated', tone: 'candid' }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['steps', 0, 'messageType']);
  });
});

describe('system catalogue', () => {
  it('has Recommended with a first e-mail and 7 follow-ups over 3-4 weeks with widening gaps', () => {
    const [recommended, emailCc] = systemSequences('acme');
    const gaps = recommended?.steps.slice(1).map((step) => step.afterDays) ?? [];
    const totalDays = gaps.reduce((sum, days) => sum + days, 0);

    expect(recommended?.steps).toHaveLength(8);
    expect(totalDays).toBeGreaterThanOrEqual(21);
    expect(totalDays).toBeLessThanOrEqual(28);
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    expect(emailCc).toMatchObject({ type: 'email_cc', name: 'Recommended for Email CC' });
    expect(emailCc?.steps[1]?.afterDays).toBe(3);
  });

  it('reserves system names case-insensitively', () => {
    expect(isSystemName('sequence', ' recommended ')).toBe(true);
    expect(isSystemName('sequence', 'Recommended v2')).toBe(false);
  });
});

describe('message rules', () => {
  it('limits subject and HTML size', () => {
    const result = MessageInputSchema().safeParse({
      name: 'x',
      channel: 'email',
      email: { subject: 's'.repeat(201), html: 'h'.repeat(100 * 1024 + 1) },
    });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'email.subject',
      'email.html',
    ]);
  });
});
