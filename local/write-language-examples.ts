/** `npm run docs:languages`: writes docs/languages.md from the banks (local/language-examples.ts). */
import { writeFileSync } from 'node:fs';
import { languageExamplesPage } from './language-examples';

const path = new URL('../docs/languages.md', import.meta.url);
writeFileSync(path, languageExamplesPage());
console.log(`Wrote ${path.pathname}`);
