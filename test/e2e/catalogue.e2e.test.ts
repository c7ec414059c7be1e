/**
 * The local stack end to end: the server `npm start` runs, on a free port, driven over HTTP with tokens
 * from /_local/token, as a frontend developer would.
 */
import { describe, expect, it } from 'vitest';
import { useContractCheckedStack } from '../support/contract-proxy';
import { apiClient, tokenFor as tokenOf } from '../support/local-api';
import { writableOf } from '../support/writable';

const stack = useContractCheckedStack();

const tokenFor = (orgId: string, userId: string, role = 'member') =>
  tokenOf(stack().url, { orgId, userId, role });
const api = (token: string | undefined) => apiClient(stack().url, token);

describe('local stack over HTTP', () => {
  it('walks the README: token, list, clone, edit with If-Match, delete', async () => {
    const alice = api(await tokenFor('acme', 'alice', 'admin'));

    const list = await alice('GET', '/sequences');
    const clone = await alice('POST', '/sequences/system-recommended/clone', {
      name: 'Europe',
      description: 'At most 4 follow-ups',
    });
    const edited = await alice(
      'PUT',
      `/sequences/${clone.body.id}`,
      { ...writableOf(clone.body), steps: clone.body.steps.slice(0, 5) },
      { 'if-match': clone.etag ?? '' },
    );
    const stale = await alice('PUT', `/sequences/${clone.body.id}`, writableOf(clone.body), {
      'if-match': clone.etag ?? '',
    });
    const removed = await alice('DELETE', `/sequences/${clone.body.id}`);
    const gone = await alice('GET', `/sequences/${clone.body.id}`);

    expect(list.status).toBe(200);
    expect(list.body.items.slice(0, 2).map((s: { name: string }) => s.name)).toEqual([
      'Recommended',
      'Recommended for Email CC',
    ]);
    expect(clone.status).toBe(201);
    expect(clone.etag).toBe('"1"');
    expect(edited.status).toBe(200);
    expect(edited.etag).toBe('"2"');
    expect(edited.body.steps).toHaveLength(5);
    expect(stale.status).toBe(412);
    expect(removed.status).toBe(204);
    expect(gone.status).toBe(404);
  });

  it('answers 401 without or with a bad token, 404 for unknown routes, and serves the OpenAPI document', async () => {
    const anonymous = api(undefined);
    const forged = api('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');

    const noToken = await anonymous('GET', '/sequences');
    const badToken = await forged('GET', '/messages');
    const unknown = await api(await tokenFor('acme', 'alice'))('GET', '/nothing-here');
    const openapi = await anonymous('GET', '/openapi.json');

    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('unauthorized');
    expect(badToken.status).toBe(401);
    expect(unknown.status).toBe(404);
    expect(openapi.status).toBe(200);
    expect(openapi.body.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.body.paths)).toEqual(
      expect.arrayContaining(['/sequences', '/sequences/{id}', '/messages/{id}']),
    );
  });

  it('keeps orgs apart and applies the owner rule across users', async () => {
    const alice = api(await tokenFor('acme', 'alice'));
    const bob = api(await tokenFor('acme', 'bob'));
    const mallory = api(await tokenFor('umbrella', 'mallory', 'admin'));
    const { body: message } = await alice('POST', '/messages', {
      name: 'Proposal',
      channel: 'email',
      email: { subject: 'Our proposal', html: '<p>Hi {{lead.firstName}}</p>' },
    });

    const bobSees = await bob('GET', `/messages/${message.id}`);
    const bobDeletes = await bob('DELETE', `/messages/${message.id}`);
    const malloryReads = await mallory('GET', `/messages/${message.id}`);
    const malloryList = await mallory('GET', '/messages');

    expect(bobSees.status).toBe(200);
    expect(bobSees.body.editable).toBe(false);
    expect(bobDeletes.status).toBe(403);
    expect(malloryReads.status).toBe(404);
    expect(malloryList.body.items.map((m: { id: string }) => m.id)).not.toContain(message.id);
  });
});
