/**
 * The benchmark's way into the local stack's HTTP API, as a frontend calls it: a token from
 * `/_local/token`, then JSON requests. Answers are checked for the expected status and parsed with
 * zod, so a scenario that goes wrong stops with what the API said rather than measuring errors.
 */
import type * as z from 'zod';
import { type ApiCall, apiClient, type LocalClaims, localToken } from '../local/api-client';

export interface Api {
  /** One request; answers whatever status came back. */
  call: ApiCall;
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

export async function signIn(
  baseUrl: string,
  claims: LocalClaims & { role?: 'admin' | 'member' },
): Promise<Api> {
  const call = apiClient(baseUrl, await localToken(baseUrl, claims));
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
