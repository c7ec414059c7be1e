/** GET /openapi.json in AWS: the published document naming this deployment, cacheable, and 304 when unchanged. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { handler } from '../../lambdas/openapi-document';
import { ENGINE_TEST_ENV } from '../support/engine-env';

const published = JSON.parse(readFileSync('docs/openapi.json', 'utf8'));

describe('the OpenAPI document function', () => {
  it('answers the published document with this deployment as its server, cacheable for five minutes', async () => {
    // Act
    const response = await handler({ headers: {} });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toEqual({
      'content-type': 'application/json',
      'cache-control': 'public, max-age=300',
      etag: expect.stringMatching(/^"[\w-]{43}"$/),
    });
    expect(JSON.parse(String(response.body))).toEqual({
      ...published,
      servers: [{ url: ENGINE_TEST_ENV.API_URL, description: 'This deployment' }],
    });
  });

  it('answers 304 without a body to a client that holds this version, weakly or among others', async () => {
    // Prepare
    const { headers } = await handler({ headers: {} });
    const etag = String(headers?.etag);

    for (const ifNoneMatch of [etag, `W/${etag}`, `"older", ${etag}`, '*']) {
      // Act
      const response = await handler({ headers: { 'if-none-match': ifNoneMatch } });

      // Assess
      expect(response, ifNoneMatch).toEqual({
        statusCode: 304,
        headers: { etag, 'cache-control': 'public, max-age=300' },
      });
    }
  });

  it('answers the whole document to a client that holds another version', async () => {
    // Act
    const response = await handler({ headers: { 'if-none-match': '"older"' } });

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(String(response.body)).openapi).toBe('3.1.0');
  });
});
