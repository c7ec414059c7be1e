/**
 * The benchmark's way into the local stack's HTTP API, as a frontend calls it: a token from
 * `/_local/token`, then JSON requests. Answers are checked for the expected status and parsed with
 * zod, so a scenario that goes wrong stops with what the API said rather than measuring errors.
 */
import type { z } from 'zod';

export interface ApiAnswer {
  status: number;
  etag: string | null;
  body: unknown;
}

export interface Api {
  /** One request; answers whatever status came back. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
  /** One request that must answer `status`; its body parsed with `schema`. */
  expect<Schema extends z.ZodType>(
    status: number,
    schema: Schema,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<z.output<Schema>>;
}

export interface Claims {
  orgId: string;
  userId: string;
  role?: 'admin' | 'member';
}

export async function signIn(baseUrl: string, claims: Claims): Promise<Api> {
  const anonymous = apiAt(baseUrl, undefined);
  const answer = await anonymous.call('POST', '/_local/token', claims);
  const token = (answer.body as { token?: unknown } | undefined)?.token;
  if (answer.status !== 200 || typeof token !== 'string') {
    throw new Error(`No local token for ${claims.orgId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return apiAt(baseUrl, token);
}

function apiAt(baseUrl: string, token: string | undefined): Api {
  const call: Api['call'] = async (method, path, body, headers = {}) => {
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
    const json = response.headers.get('content-type')?.includes('json') && text !== '';
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: json ? JSON.parse(text) : text,
    };
  };
  return {
    call,
    async expect(status, schema, method, path, body, headers) {
      const answer = await call(method, path, body, headers);
      if (answer.status !== status) {
        const said = JSON.stringify(answer.body).slice(0, 500);
        throw new Error(`${method} ${path} answered ${answer.status}, not ${status}: ${said}`);
      }
      return schema.parse(answer.body);
    },
  };
}
