/**
 * Where a webhook may point (issue #24, SSRF): a public https endpoint. A URL is checked when it is saved
 * (its form here, its host's addresses by the resolver in adapters/webhook-endpoint.ts) and again at every
 * delivery, where the addresses just resolved are checked and the connection goes to one of them, so a
 * name that resolves to a public address at creation and to 169.254.169.254 later (DNS rebinding) is
 * refused rather than followed.
 */
import { BlockList, isIP } from 'node:net';
import { UnprocessableError } from './errors';

/**
 * What the composition root allows: AWS, https to public addresses only; the local stack (tests, `npm run
 * demo`) also http on loopback, so a receiver on the developer's machine works. Never a global: each entry
 * file builds it from its own environment.
 */
export interface WebhookUrlPolicy {
  allowLoopbackHttp: boolean;
}

export const PUBLIC_ENDPOINTS_ONLY: WebhookUrlPolicy = { allowLoopbackHttp: false };

const v4 = (rules: BlockList, cidr: string) => {
  const [network = '', prefix = ''] = cidr.split('/');
  rules.addSubnet(network, Number(prefix), 'ipv4');
};
const v6 = (rules: BlockList, cidr: string) => {
  const [network = '', prefix = ''] = cidr.split('/');
  rules.addSubnet(network, Number(prefix), 'ipv6');
};

/** IPv4 ranges no webhook may reach, with the name a 422 gives them (IANA special-purpose registry). */
const IPV4_RANGES: ReadonlyArray<[string, string]> = [
  ['0.0.0.0/8', 'an unspecified'],
  ['10.0.0.0/8', 'a private'],
  ['100.64.0.0/10', 'a carrier-grade NAT'],
  ['127.0.0.0/8', 'a loopback'],
  ['169.254.0.0/16', 'a link-local (cloud metadata)'],
  ['172.16.0.0/12', 'a private'],
  ['192.0.0.0/24', 'a reserved'],
  ['192.0.2.0/24', 'a documentation'],
  ['192.88.99.0/24', 'a reserved'],
  ['192.168.0.0/16', 'a private'],
  ['198.18.0.0/15', 'a benchmarking'],
  ['198.51.100.0/24', 'a documentation'],
  ['203.0.113.0/24', 'a documentation'],
  ['224.0.0.0/4', 'a multicast'],
  ['240.0.0.0/4', 'a reserved'],
];

const IPV6_RANGES: ReadonlyArray<[string, string]> = [
  ['::/128', 'an unspecified'],
  ['::1/128', 'a loopback'],
  ['fc00::/7', 'a private (unique local, e.g. the EC2 metadata fd00:ec2::254)'],
  ['fe80::/10', 'a link-local'],
  ['fec0::/10', 'a site-local'],
  ['ff00::/8', 'a multicast'],
  ['2001:db8::/32', 'a documentation'],
  ['100::/64', 'a discard'],
];

const ranges = (() => {
  const byName = new Map<string, BlockList>();
  const add = (name: string, family: 'v4' | 'v6', cidr: string) => {
    let list = byName.get(name);
    if (!list) {
      list = new BlockList();
      byName.set(name, list);
    }
    (family === 'v4' ? v4 : v6)(list, cidr);
  };
  for (const [cidr, name] of IPV4_RANGES) add(name, 'v4', cidr);
  for (const [cidr, name] of IPV6_RANGES) add(name, 'v6', cidr);
  return [...byName.entries()];
})();

/**
 * IPv6 forms that carry an IPv4 address a packet may end up at: IPv4-mapped (::ffff:a.b.c.d), IPv4-
 * compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002:AABB:CCDD::/48). Each is judged by the
 * IPv4 address inside, so ::ffff:127.0.0.1 is loopback.
 */
function embeddedIpv4(address: string): string | undefined {
  const groups = expandIpv6(address);
  if (!groups) return undefined;
  const asV4 = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const [g0, g1, g2, g3, g4, g5, g6 = 0, g7 = 0] = groups;
  const zerosTo = (end: number) => groups.slice(0, end).every((group) => group === 0);
  if (zerosTo(5) && g5 === 0xffff) return asV4(g6, g7);
  if (zerosTo(6) && (g6 !== 0 || g7 > 1)) return asV4(g6, g7);
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return asV4(g6, g7);
  if (g0 === 0x2002 && g1 !== undefined && g2 !== undefined) return asV4(g1, g2);
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address (with a trailing dotted IPv4 part), or undefined. */
function expandIpv6(address: string): number[] | undefined {
  let text = address.toLowerCase().split('%')[0] ?? '';
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted?.[1]) {
    const bytes = dotted[1].split('.').map(Number);
    const [a = 0, b = 0, c = 0, d = 0] = bytes;
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const part = (piece: string) =>
    piece === '' ? [] : piece.split(':').map((group) => Number.parseInt(group, 16));
  const front = part(head);
  const back = tail === undefined ? [] : part(tail);
  const missing = 8 - front.length - back.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  const groups = [...front, ...Array<number>(missing).fill(0), ...back];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff)
    ? groups
    : undefined;
}

/**
 * Why a webhook must not be delivered to this address (e.g. "a private"), or undefined for a public one.
 * Loopback is allowed only where the policy allows the local stack's http receivers.
 */
export function forbiddenAddressKind(address: string, policy: WebhookUrlPolicy): string | undefined {
  const family = isIP(address);
  if (family === 0) return 'an unparseable';
  if (family === 6) {
    const inner = embeddedIpv4(address);
    if (inner !== undefined) return forbiddenAddressKind(inner, policy);
  }
  for (const [kind, list] of ranges) {
    if (!list.check(address, family === 4 ? 'ipv4' : 'ipv6')) continue;
    if (kind === 'a loopback' && policy.allowLoopbackHttp) return undefined;
    return kind;
  }
  return undefined;
}

export const isLoopbackAddress = (address: string): boolean =>
  forbiddenAddressKind(address, PUBLIC_ENDPOINTS_ONLY) === 'a loopback';

/** The 422 that names `url`, with why, so the form can mark the field. */
export function unsafeUrl(reason: string): UnprocessableError {
  return new UnprocessableError(`url ${reason}`, { field: 'url', reason });
}

/** A URL's host without IPv6 brackets: what DNS or `isIP` reads. */
export const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * The URL's form: http(s), no credentials, and where the host is an address, a public one. Answers the
 * parsed URL; the host's addresses are checked after resolving it (adapters/webhook-endpoint.ts).
 */
export function checkWebhookUrlForm(text: string, policy: WebhookUrlPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw unsafeUrl('is not an absolute URL');
  }
  if (url.username !== '' || url.password !== '') {
    throw unsafeUrl('must not carry credentials: the signature proves who sends');
  }
  const host = hostOf(url);
  const loopbackName = host === 'localhost' || host.endsWith('.localhost');
  if (url.protocol === 'http:') {
    const loopback = loopbackName || (isIP(host) !== 0 && isLoopbackAddress(host));
    if (!(policy.allowLoopbackHttp && loopback)) {
      throw unsafeUrl(
        policy.allowLoopbackHttp
          ? 'must be https (the local stack allows http on loopback only)'
          : 'must be https',
      );
    }
  } else if (url.protocol !== 'https:') {
    throw unsafeUrl('must be https');
  }
  if (isIP(host) !== 0) {
    const kind = forbiddenAddressKind(host, policy);
    if (kind) throw unsafeUrl(`points at ${kind} address (${host}): webhooks go to public endpoints only`);
  } else if (loopbackName && !policy.allowLoopbackHttp) {
    throw unsafeUrl(`points at a loopback host (${host}): webhooks go to public endpoints only`);
  }
  return url;
}
