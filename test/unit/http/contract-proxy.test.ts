/**
 * The e2e tests' contract proxy (test/support/contract-proxy.ts) can fail: in front of a stand-in
 * upstream that answers what it is told, it flags each way an answer can leave docs/openapi.json and
 * passes answers that keep it, unchanged.
 */
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenLocally } from '../../../local/ports';
import { type ContractProxy, startContractProxy } from '../../support/contract-proxy';

type Canned = { status: number; headers?: Record<string, string>; body?: string };
const answers = new Map<string, Canned>();
const upstream = createServer((request, response) => {
  const canned = answers.get(`${request.method} ${request.url}`) ?? { status: 599 };
  response.writeHead(canned.status, canned.headers).end(canned.body);
});
let proxy: ContractProxy;

beforeAll(async () => {
  proxy = await startContractProxy(await listenLocally(upstream));
});

afterAll(async () => {
  await proxy.stop();
  await closeServer(upstream);
});

const json = { 'content-type': 'application/json' };
const tone = {
  tone: 'candid',
  label: 'Candid',
  description: 'Straight to the point',
  sample: { tone: 'candid', subject: 'Re: invoices', html: '<p>Hi</p>', text: 'Hi' },
};

async function violationsOf(method: string, path: string, canned: Canned) {
  answers.set(`${method} ${path}`, canned);
  const before = proxy.exchanges.length;
  const response = await fetch(`${proxy.url}${path}`, { method });
  const text = await response.text();
  const exchange = proxy.exchanges.slice(before).at(0);
  return { status: response.status, text, exchange, violations: exchange?.violations ?? [] };
}

describe('the contract proxy', () => {
  it('passes an answer that keeps the contract through unchanged', async () => {
    const answer = await violationsOf('GET', '/tones', {
      status: 200,
      headers: json,
      body: JSON.stringify({ items: [tone] }),
    });

    expect(answer.violations).toEqual([]);
    expect(answer.exchange?.operationId).toBe('listTones');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ items: [tone] });
  });

  it('flags a body its schema refuses, naming where', async () => {
    const answer = await violationsOf('GET', '/tones', {
      status: 200,
      headers: json,
      body: JSON.stringify({ items: [{ ...tone, label: 7 }] }),
    });

    expect(answer.violations).toEqual([expect.stringMatching(/^body\/items\/0\/label must be string/)]);
    expect(proxy.violations().at(-1)).toMatch(/GET \/tones -> 200: body\/items\/0\/label/);
  });

  it('flags a request body sent as another media type than the operation takes (curl -d sends a form)', async () => {
    answers.set('POST /sequences', { status: 400, headers: json, body: '{}' });
    const send = async (contentType: string) => {
      const before = proxy.exchanges.length;
      await fetch(`${proxy.url}/sequences`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: '{"name":"x"}',
      });
      return proxy.exchanges.slice(before).at(0)?.violations ?? [];
    };

    const asForm = await send('application/x-www-form-urlencoded');
    const asJson = await send('application/json; charset=utf-8');

    expect(asForm).toContainEqual(
      "the request's content type application/x-www-form-urlencoded is not application/json",
    );
    expect(asJson.filter((violation) => violation.startsWith("the request's"))).toEqual([]);
  });

  it('flags a status the operation does not document', async () => {
    const answer = await violationsOf('GET', '/tones', { status: 404, headers: json, body: '{}' });

    expect(answer.status).toBe(404);
    expect(answer.violations).toEqual([expect.stringMatching(/^status 404 is not documented/)]);
  });

  it('flags another media type, and an error body that is not the documented error', async () => {
    const html = await violationsOf('GET', '/tones', { status: 200, body: '<p>hi</p>' });
    const error = await violationsOf('GET', '/sequences/s1', {
      status: 404,
      headers: json,
      body: JSON.stringify({ error: { code: 'gone', message: 'No' } }),
    });

    expect(html.violations).toEqual([
      expect.stringMatching(/^content type undefined is not application\/json/),
    ]);
    expect(error.exchange?.operationId).toBe('getSequence');
    expect(error.violations.length).toBeGreaterThan(0);
  });

  it('flags a missing required header (ETag of a versioned read) and a body where none is documented', async () => {
    const noEtag = await violationsOf('GET', '/org/settings', {
      status: 200,
      headers: json,
      body: JSON.stringify({}),
    });
    const bodyOn204 = await violationsOf('DELETE', '/leads/l1', { status: 204, body: '' });
    const stray = await violationsOf('DELETE', '/leads/l2', { status: 200, headers: json, body: '{}' });

    expect(noEtag.violations).toContain('required header ETag is missing');
    expect(bodyOn204.violations).toEqual([]);
    expect(stray.violations).toEqual([expect.stringMatching(/^status 200 is not documented/)]);
  });

  it('leaves routes outside the contract unchecked, and matches a literal segment before a parameter', async () => {
    const local = await violationsOf('POST', '/_local/token', { status: 200, headers: json, body: '{}' });
    const preview = await violationsOf('POST', '/sequences/preview', {
      status: 200,
      headers: json,
      body: '{}',
    });

    expect(local.exchange?.operationId).toBeUndefined();
    expect(local.violations).toEqual([]);
    expect(preview.exchange?.operationId).toBe('previewStepDates');
  });
});
