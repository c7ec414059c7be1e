import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkedAddress,
  type HostResolver,
  postToEndpoint,
} from '../../../lambdas/adapters/webhook-endpoint';
import { PUBLIC_ENDPOINTS_ONLY } from '../../../lambdas/core/webhook-urls';

const LOCAL = { allowLoopbackHttp: true };

let server: Server;
let port: number;
let received: { headers: IncomingMessage['headers']; body: string }[];
let answer: (response: import('node:http').ServerResponse) => void;

beforeEach(async () => {
  received = [];
  answer = (response) => response.writeHead(204).end();
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const resolving =
  (...answers: string[][]): HostResolver =>
  async () => {
    const next = answers.length > 1 ? answers.shift() : answers[0];
    return (next ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

describe('checking a webhook host by what it resolves to', () => {
  it('refuses a name that resolves to a private address, naming the address', async () => {
    await expect(
      checkedAddress('https://hooks.example.com/x', PUBLIC_ENDPOINTS_ONLY, resolving(['10.0.0.8'])),
    ).rejects.toThrow('url resolves to a private address (10.0.0.8): webhooks go to public endpoints only');
  });

  it('refuses a name with one private address among public ones', async () => {
    await expect(
      checkedAddress(
        'https://hooks.example.com/x',
        PUBLIC_ENDPOINTS_ONLY,
        resolving(['93.184.215.14', 'fd00:ec2::254']),
      ),
    ).rejects.toThrow(/resolves to a private \(unique local/);
  });

  it('refuses a name that does not resolve', async () => {
    const failing: HostResolver = async () => {
      throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(checkedAddress('https://nowhere.example/x', PUBLIC_ENDPOINTS_ONLY, failing)).rejects.toThrow(
      'url names a host that does not resolve (nowhere.example)',
    );
  });

  it('answers the public address to connect to', async () => {
    const { address } = await checkedAddress(
      'https://hooks.example.com/x',
      PUBLIC_ENDPOINTS_ONLY,
      resolving(['2606:4700::1', '93.184.215.14']),
    );
    expect(address).toEqual({ address: '2606:4700::1', family: 6 });
  });
});

describe('posting to an endpoint', () => {
  it('connects to the address it checked, not to what the name resolves to elsewhere', async () => {
    // The server listens on 127.0.0.1 alone: a resolver answering 127.0.0.2 leaves it unreached even
    // though the system resolves localhost to it, so the connection goes where the check looked.
    const elsewhere = await postToEndpoint(`http://localhost:${port}/hook`, {}, '{}', {
      policy: LOCAL,
      timeoutMs: 2000,
      resolve: resolving(['127.0.0.2']),
    });
    expect(elsewhere).toMatchObject({ error: 'ECONNREFUSED' });
    expect(received).toHaveLength(0);

    const result = await postToEndpoint(
      `http://receiver.localhost:${port}/hook`,
      { 'webhook-id': 'msg_1' },
      '{"a":1}',
      { policy: LOCAL, timeoutMs: 2000, resolve: resolving(['127.0.0.1']) },
    );
    expect(result.status).toBe(204);
    expect(received).toHaveLength(1);
    expect(received[0]?.body).toBe('{"a":1}');
    expect(received[0]?.headers['webhook-id']).toBe('msg_1');
    expect(received[0]?.headers['content-type']).toBe('application/json');
    expect(received[0]?.headers.host).toBe(`receiver.localhost:${port}`);
  });

  it('refuses at delivery a name that was public when saved and points inside now (DNS rebinding)', async () => {
    const rebinding = resolving(['93.184.215.14'], ['169.254.169.254']);
    await checkedAddress('https://hooks.example.com/x', PUBLIC_ENDPOINTS_ONLY, rebinding);

    const result = await postToEndpoint('https://hooks.example.com/x', {}, '{}', {
      policy: PUBLIC_ENDPOINTS_ONLY,
      timeoutMs: 2000,
      resolve: rebinding,
    });

    expect(result.status).toBeUndefined();
    expect(result.error).toMatch(
      /resolves to a link-local \(cloud metadata\) address \(169\.254\.169\.254\)/,
    );
  });

  it('refuses loopback outside the local stack even when the server is there', async () => {
    const result = await postToEndpoint(`http://127.0.0.1:${port}/hook`, {}, '{}', {
      policy: PUBLIC_ENDPOINTS_ONLY,
      timeoutMs: 2000,
    });
    expect(result.status).toBeUndefined();
    expect(result.error).toBe('url must be https');
    expect(received).toHaveLength(0);
  });

  it('reports the status of a failing endpoint and gives up on a silent one after the timeout', async () => {
    answer = (response) => response.writeHead(503).end('busy');
    expect(
      (await postToEndpoint(`http://127.0.0.1:${port}/`, {}, '{}', { policy: LOCAL, timeoutMs: 2000 }))
        .status,
    ).toBe(503);

    answer = () => {};
    const silent = await postToEndpoint(`http://127.0.0.1:${port}/`, {}, '{}', {
      policy: LOCAL,
      timeoutMs: 150,
    });
    expect(silent.status).toBeUndefined();
    expect(silent.error).toBe('no answer within 0.15 s');
    expect(silent.latencyMs).toBeGreaterThanOrEqual(140);
  });
});
