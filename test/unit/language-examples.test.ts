/**
 * docs/languages.md is what the banks write today: run `npm run docs:languages` after changing a bank,
 * the footer or the quote line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WRITTEN_LANGUAGES } from '../../lambdas/core/languages';
import { languageExamplesPage } from '../../local/language-examples';

describe('docs/languages.md', () => {
  const page = languageExamplesPage();

  it('is the page the banks render now', () => {
    expect(readFileSync('docs/languages.md', 'utf8')).toBe(page);
  });

  it('has an example in every language written, none left with a register marker', () => {
    for (const language of WRITTEN_LANGUAGES) expect(page).toContain(`(\`${language}\`)`);
    expect(page).not.toMatch(/\[\[|\]\]/);
    expect(page).toContain('schrieb');
  });
});
