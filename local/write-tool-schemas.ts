/** `npm run tool-schemas`: writes lambdas/core/tool-input-schemas.ts from the tools' answer schemas. */
import { writeFileSync } from 'node:fs';
import { toolInputSchemasModule } from './tool-input-schemas';

const target = new URL('../lambdas/core/tool-input-schemas.ts', import.meta.url);
writeFileSync(target, toolInputSchemasModule());
console.log(`Wrote ${target.pathname}`);
