/**
 * Answers the OpenAPI document at GET /openapi.json, in AWS (lambdas/openapi-document.ts) and locally
 * (local/http-server.ts) alike: serialized and hashed once, cacheable for five minutes, and a 304 for a
 * client that already holds this version (its ETag in If-None-Match).
 */
import { createHash } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export const OPENAPI_DOCUMENT_PATH = '/openapi.json';

/** Short enough that a deployment's new contract reaches clients soon, long enough to spare requests. */
export const OPENAPI_CACHE_CONTROL = 'public, max-age=300';

export type OpenApiDocumentHandler = (
  event: Pick<APIGatewayProxyEventV2, 'headers'>,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function openApiDocumentHandler(document: object): OpenApiDocumentHandler {
  const body = JSON.stringify(document);
  const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
  const headers = { etag, 'cache-control': OPENAPI_CACHE_CONTROL };
  return async ({ headers: request }) => {
    if (matches(request['if-none-match'], etag)) return { statusCode: 304, headers };
    return { statusCode: 200, headers: { ...headers, 'content-type': 'application/json' }, body };
  };
}

/** If-None-Match compares weakly (RFC 9110, 13.1.2): `W/"x"` matches `"x"`, `*` matches any version. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}
