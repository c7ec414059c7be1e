/**
 * The local server's answer to a body past API Gateway's 10 MB: a 413 that leaves the connection
 * usable, so a keep-alive client's next request on it gets a proper answer rather than a reset. And
 * its answer to a method a known path lacks: 405 with the methods it has.
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../../local/http-server';
import { LocalAuth } from '../../../local/local-auth';

let server: Awaited<ReturnType<typeof startHttpServer>>;

beforeAll(async () => {
  server = await startHttpServer({ port: 0, auth: new LocalAuth() });
});
afterAll(() => server.stop());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  reusedSocket: boolean;
}

function send(agent: Agent, method: string, path: string, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const sent = request(
      new URL(path, server.url),
      { agent, method, headers: body ? { 'content-type': 'application/json' } : {} },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            reusedSocket: sent.reusedSocket,
          }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('a body over the local server’s 10 MB', () => {
  it('answers 413, and the next request on the same keep-alive connection gets its answer', async () => {
    // Prepare: one connection, kept alive, for both requests
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const oversized = Buffer.alloc(12 * 1024 * 1024, 0x20);

    try {
      // Act
      const refused = await send(agent, 'POST', '/leads', oversized);
      const next = await send(agent, 'GET', '/openapi.json');

      // Assess
      expect(refused.status).toBe(413);
      expect(JSON.parse(refused.body)).toEqual({
        error: { code: 'payload_too_large', message: expect.any(String) },
      });
      expect(next.status).toBe(200);
      expect(JSON.parse(next.body)).toMatchObject({ openapi: expect.any(String) });
      expect(next.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
  });
});

describe('a method the path does not have', () => {
  it('answers 405 with Allow listing the path’s methods; an unknown path stays 404', async () => {
    // Prepare
    const agent = new Agent({ keepAlive: false });

    try {
      // Act
      const patched = await send(agent, 'PATCH', '/sequences/seq-1');
      const literal = await send(agent, 'PATCH', '/sequences');
      const document = await send(agent, 'DELETE', '/openapi.json');
      const unknown = await send(agent, 'PATCH', '/nowhere');

      // Assess
      expect(patched.status).toBe(405);
      expect(patched.headers.allow).toBe('DELETE, GET, PUT');
      expect(JSON.parse(patched.body)).toEqual({
        error: {
          code: 'method_not_allowed',
          message: 'PATCH is not allowed on /sequences/seq-1: use DELETE, GET, PUT',
        },
      });
      expect([literal.status, literal.headers.allow]).toEqual([405, 'GET, POST']);
      expect([document.status, document.headers.allow]).toEqual([405, 'GET']);
      expect(unknown.status).toBe(404);
      expect(unknown.headers.allow).toBeUndefined();
    } finally {
      agent.destroy();
    }
  });
});
