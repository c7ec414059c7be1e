/** The local server answers GET /openapi.json as the function does in AWS: the same headers, ETag and 304. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../../local/http-server';
import { LocalAuth } from '../../../local/local-auth';
import { openApiDocument } from '../../../local/openapi';

let server: Awaited<ReturnType<typeof startHttpServer>>;

beforeAll(async () => {
  server = await startHttpServer({ port: 0, auth: new LocalAuth() });
});
afterAll(() => server.stop());

describe('GET /openapi.json on the local server', () => {
  it('answers the generated document without a token, cacheable, with an ETag', async () => {
    // Act
    const response = await fetch(`${server.url}/openapi.json`);

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]{43}"$/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('answers 304 to If-None-Match with that ETag', async () => {
    // Prepare
    const etag = (await fetch(`${server.url}/openapi.json`)).headers.get('etag') ?? '';

    // Act
    const response = await fetch(`${server.url}/openapi.json`, { headers: { 'if-none-match': etag } });

    // Assess
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(etag);
    expect(await response.text()).toBe('');
  });
});
