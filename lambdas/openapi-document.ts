/**
 * GET /openapi.json in AWS: the document `npm run openapi` wrote to docs/, bundled into this function so
 * that no API function carries it, naming this deployment's own URL as its server.
 */

import document from '../docs/openapi.json' with { type: 'json' };
import { openApiDocumentHandler } from './http/openapi-answer';
import { environmentSchema, nonEmpty, readEnvironment } from './runtime/environment';

/** What this function reads from its environment, once, at cold start. */
export const environment = environmentSchema({ API_URL: nonEmpty });
const config = { apiUrl: readEnvironment(environment).API_URL };

export const handler = openApiDocumentHandler({
  ...document,
  servers: [{ url: config.apiUrl, description: 'This deployment' }],
});
