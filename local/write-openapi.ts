/** `npm run openapi`: writes the OpenAPI document generated from the contract to docs/openapi.json. */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from './openapi';

const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${target.pathname}`);
