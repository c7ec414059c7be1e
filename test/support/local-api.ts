/** Drives a running local stack over HTTP the way a frontend does: tokens from /_local/token, JSON calls. */
import { expect } from 'vitest';

export interface ApiAnswer {
  status: number;
  etag: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: tests read bodies loosely and assert on them
  body: any;
}

export type ApiCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

export async function tokenFor(
  baseUrl: string,
  claims: { orgId: string; userId: string; role?: string; email?: string },
) {
  const response = await fetch(`${baseUrl}/_local/token`, { method: 'POST', body: JSON.stringify(claims) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

export function apiClient(baseUrl: string, token: string | undefined): ApiCall {
  return async (method, path, body, headers = {}) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token && { authorization: `Bearer ${token}` }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const json =
      text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text || undefined;
    return { status: response.status, etag: response.headers.get('etag'), body: json };
  };
}

export async function signedIn(
  baseUrl: string,
  claims: { orgId: string; userId: string; role?: string; email?: string },
) {
  return apiClient(baseUrl, await tokenFor(baseUrl, claims));
}
