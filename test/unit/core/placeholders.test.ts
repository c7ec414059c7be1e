import { describe, expect, it } from 'vitest';
import {
  PLACEHOLDER_PATHS,
  unknownPlaceholderMessage,
  unknownPlaceholders,
} from '../../../lambdas/core/placeholders';

describe('unknown placeholders', () => {
  it('are found as written, braces and fallback included', () => {
    expect(unknownPlaceholders('Hi {{lead.frstName|there}}, {{lead.firstName}} at {{ org.ceo }}')).toEqual([
      '{{lead.frstName|there}}',
      '{{ org.ceo }}',
    ]);
  });

  it('are refused naming the placeholder meant, every valid one and the fallback syntax', () => {
    const message = unknownPlaceholderMessage('{{lead.frstName|there}}');

    expect(message).toMatch(
      /^Unknown placeholder \{\{lead\.frstName\|there\}\} — did you mean \{\{lead\.firstName\}\}\?/,
    );
    for (const path of PLACEHOLDER_PATHS) expect(message).toContain(path);
    expect(message).toContain('lead.custom.<field>');
    expect(message).toContain('{{lead.firstName|there}}');
  });

  it('suggest nothing for a name that is not a slip of a known one', () => {
    expect(unknownPlaceholderMessage('{{lead.nickname}}')).not.toContain('did you mean');
    expect(unknownPlaceholderMessage('{{org.ceo}}')).not.toContain('did you mean');
  });
});

describe('the referrer placeholders', () => {
  it('are known, with or without a fallback, and listed with the others', () => {
    expect(unknownPlaceholders('{{referrer.firstName|a colleague}} {{ referrer.lastName }}')).toEqual([]);
    expect(PLACEHOLDER_PATHS).toEqual(expect.arrayContaining(['referrer.firstName', 'referrer.lastName']));
  });

  it('are suggested for a slip, and only the name is open (not the referring lead’s id)', () => {
    expect(unknownPlaceholderMessage('{{referer.firstName}}')).toContain(
      'did you mean {{referrer.firstName}}?',
    );
    expect(unknownPlaceholders('{{lead.referredBy}} {{referrer.id}} {{referrer.email}}')).toEqual([
      '{{lead.referredBy}}',
      '{{referrer.id}}',
      '{{referrer.email}}',
    ]);
  });
});
