/**
 * A small client for the local stack's HTTP API, as a frontend calls it: a token from /_local/token,
 * then JSON requests. Shared by the e2e tests and the benchmark.
 */

export interface ApiAnswer {
  status: number;
  etag: string | null;
  // biome-ignore lint/suspicious/noExplicitAny: callers assert on bodies or parse them with zod
  body: any;
}

export type ApiCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

export interface LocalClaims {
  orgId: string;
  userId: string;
  role?: string;
  email?: string;
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
    const json = text !== '' && response.headers.get('content-type')?.includes('json');
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      body: json ? JSON.parse(text) : text || undefined,
    };
  };
}

/** A token the local JWT check accepts, from `POST /_local/token`. */
export async function localToken(baseUrl: string, claims: LocalClaims): Promise<string> {
  const answer = await apiClient(baseUrl, undefined)('POST', '/_local/token', claims);
  if (answer.status !== 200 || typeof answer.body?.token !== 'string') {
    throw new Error(`No local token for ${claims.orgId}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body.token;
}
