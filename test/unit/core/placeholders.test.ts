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
