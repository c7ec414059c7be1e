/**
 * GET /openapi.json in AWS: the document `npm run openapi` wrote to docs/, bundled into this function so
 * that no API function carries it, naming this deployment's own URL as its server.
 */
import document from '../docs/openapi.json' with { type: 'json' };
import { requiredEnv } from './env';
import { openApiDocumentHandler } from './http/openapi-document';

const config = { apiUrl: requiredEnv('API_URL') };

export const handler = openApiDocumentHandler({
  ...document,
  servers: [{ url: config.apiUrl, description: 'This deployment' }],
});
