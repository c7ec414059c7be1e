/** Drives a running local stack over HTTP the way a frontend does (see local/api-client.ts). */
import { type ApiCall, apiClient, type LocalClaims, localToken } from '../../local/api-client';

export type { ApiAnswer, ApiCall } from '../../local/api-client';
export { apiClient, localToken as tokenFor };

export async function signedIn(baseUrl: string, claims: LocalClaims): Promise<ApiCall> {
  return apiClient(baseUrl, await localToken(baseUrl, claims));
}
