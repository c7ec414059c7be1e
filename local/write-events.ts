/**
 * `npm run events`: writes the domain events' documents generated from the catalogue (local/events-docs.ts)
 * to docs/events/: one JSON Schema per event type and the AsyncAPI document.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { DOMAIN_EVENT_TYPES } from '../lambdas/core/domain-events';
import { asyncApiDocument, eventJsonSchema } from './events-docs';

const dir = new URL('../docs/events/', import.meta.url);
mkdirSync(dir, { recursive: true });
const write = (name: string, document: unknown) =>
  writeFileSync(new URL(name, dir), `${JSON.stringify(document, null, 2)}\n`);
for (const type of DOMAIN_EVENT_TYPES) write(`${type}.json`, eventJsonSchema(type));
write('asyncapi.json', asyncApiDocument());
console.log(`Wrote ${DOMAIN_EVENT_TYPES.length} JSON Schemas and asyncapi.json to ${dir.pathname}`);
