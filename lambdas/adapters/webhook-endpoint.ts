/**
 * A webhook's endpoint over the network: its host resolved and every address checked against the SSRF
 * rules (core/webhook-urls.ts), then one POST to an address just checked, never a second lookup. Node's
 * own DNS cache or a short TTL therefore cannot swap in a private address between the check and the
 * connection (DNS rebinding). TLS still verifies the certificate against the URL's host name.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import {
  checkWebhookUrlForm,
  forbiddenAddressKind,
  hostOf,
  unsafeUrl,
  type WebhookUrlPolicy,
} from '../core/webhook-urls';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Every address a host name resolves to (the system resolver by default; tests pass their own). */
export type HostResolver = (host: string) => Promise<ResolvedAddress[]>;

export const systemResolver: HostResolver = async (host) =>
  (await dnsLookup(host, { all: true, verbatim: true })).map(({ address, family }) => ({
    address,
    family: family === 6 ? 6 : 4,
  }));

/**
 * The URL checked in form and by what its host resolves to now: every address must be allowed (a name
 * that answers one private address among public ones is refused, as a rebinding attacker's would be).
 * Throws the 422 naming `url`; answers the address to connect to.
 */
export async function checkedAddress(
  text: string,
  policy: WebhookUrlPolicy,
  resolve: HostResolver = systemResolver,
): Promise<{ url: URL; address: ResolvedAddress }> {
  const url = checkWebhookUrlForm(text, policy);
  const host = hostOf(url);
  const family = isIP(host);
  let addresses: ResolvedAddress[];
  if (family !== 0) addresses = [{ address: host, family: family === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      throw unsafeUrl(`names a host that does not resolve (${host})`);
    }
  }
  if (addresses.length === 0) throw unsafeUrl(`names a host that does not resolve (${host})`);
  for (const { address } of addresses) {
    const kind = forbiddenAddressKind(address, policy);
    if (kind) {
      throw unsafeUrl(`resolves to ${kind} address (${address}): webhooks go to public endpoints only`);
    }
  }
  const [first] = addresses as [ResolvedAddress, ...ResolvedAddress[]];
  return { url, address: first };
}

export interface AttemptResult {
  /** The response's status; absent when there was none (timeout, refused, unsafe address). */
  status?: number;
  latencyMs: number;
  /** Why there was no status, for the delivery record (never the body, which the receiver chose). */
  error?: string;
}

export interface PostOptions {
  policy: WebhookUrlPolicy;
  timeoutMs: number;
  resolve?: HostResolver;
  /** Milliseconds for latency; default performance.now. */
  elapsed?: () => number;
}

/** One POST of a signed delivery; never throws for what the endpoint does, only reports it. */
export async function postToEndpoint(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: PostOptions,
): Promise<AttemptResult> {
  const elapsed = options.elapsed ?? (() => performance.now());
  const started = elapsed();
  const latency = () => Math.round(elapsed() - started);
  let checked: { url: URL; address: ResolvedAddress };
  try {
    checked = await checkedAddress(target, options.policy, options.resolve);
  } catch (error) {
    return { latencyMs: latency(), error: error instanceof Error ? error.message : 'unsafe url' };
  }
  const { url, address } = checked;
  // The connection goes to the address checked above, whatever the name resolves to by now.
  const pinned: LookupFunction = (_host, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all) {
      (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [
        { address: address.address, family: address.family },
      ]);
    } else callback(null, address.address, address.family);
  };
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<AttemptResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<AttemptResult, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, latencyMs: latency() });
    };
    const request = send(
      url,
      {
        method: 'POST',
        lookup: pinned,
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'followup-engine-webhooks/1',
        },
      },
      (response) => {
        // The status is the answer; the body is the receiver's and is neither kept nor waited for.
        finish({ status: response.statusCode ?? 0 });
        response.resume();
        response.on('error', () => {});
      },
    );
    const timer = setTimeout(() => {
      finish({ error: `no answer within ${options.timeoutMs / 1000} s` });
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({ error: error.code ?? error.message });
    });
    request.end(body);
  });
}
