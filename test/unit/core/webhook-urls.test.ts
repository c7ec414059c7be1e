import { describe, expect, it } from 'vitest';
import { UnprocessableError } from '../../../lambdas/core/errors';
import {
  checkWebhookUrlForm,
  forbiddenAddressKind,
  PUBLIC_ENDPOINTS_ONLY,
} from '../../../lambdas/core/webhook-urls';

const LOCAL = { allowLoopbackHttp: true };

function refusal(url: string, policy = PUBLIC_ENDPOINTS_ONLY): UnprocessableError {
  try {
    checkWebhookUrlForm(url, policy);
  } catch (error) {
    if (error instanceof UnprocessableError) return error;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('addresses a webhook may not reach', () => {
  it.each([
    ['10.1.2.3', 'a private'],
    ['172.31.255.255', 'a private'],
    ['192.168.0.1', 'a private'],
    ['127.0.0.1', 'a loopback'],
    ['127.255.0.9', 'a loopback'],
    ['169.254.169.254', 'a link-local (cloud metadata)'],
    ['100.64.0.1', 'a carrier-grade NAT'],
    ['100.100.100.200', 'a carrier-grade NAT'],
    ['0.0.0.0', 'an unspecified'],
    ['224.0.0.1', 'a multicast'],
    ['::1', 'a loopback'],
    ['::', 'an unspecified'],
    ['fe80::1', 'a link-local'],
    ['fd00:ec2::254', 'a private (unique local, e.g. the EC2 metadata fd00:ec2::254)'],
    ['fc00::1', 'a private (unique local, e.g. the EC2 metadata fd00:ec2::254)'],
    ['ff02::1', 'a multicast'],
    // IPv6 spellings of IPv4 addresses are judged by the address inside.
    ['::ffff:127.0.0.1', 'a loopback'],
    ['::ffff:7f00:1', 'a loopback'],
    ['::ffff:169.254.169.254', 'a link-local (cloud metadata)'],
    ['64:ff9b::a00:1', 'a private'],
    ['2002:a9fe:a9fe::1', 'a link-local (cloud metadata)'],
    ['::10.0.0.1', 'a private'],
  ])('refuses %s as %s', (address, kind) => {
    expect(forbiddenAddressKind(address, PUBLIC_ENDPOINTS_ONLY)).toBe(kind);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '2606:4700:4700::1111',
    '::ffff:8.8.8.8',
    '100.128.0.1',
    '172.32.0.1',
  ])('allows the public address %s', (address) => {
    expect(forbiddenAddressKind(address, PUBLIC_ENDPOINTS_ONLY)).toBeUndefined();
  });

  it('allows loopback, and loopback only, where the local stack says so', () => {
    expect(forbiddenAddressKind('127.0.0.1', LOCAL)).toBeUndefined();
    expect(forbiddenAddressKind('::1', LOCAL)).toBeUndefined();
    expect(forbiddenAddressKind('10.0.0.1', LOCAL)).toBe('a private');
    expect(forbiddenAddressKind('169.254.169.254', LOCAL)).toBe('a link-local (cloud metadata)');
  });
});

describe('the form of a webhook URL', () => {
  it('takes a public https URL', () => {
    expect(checkWebhookUrlForm('https://crm.example.com/hooks?x=1', PUBLIC_ENDPOINTS_ONLY).hostname).toBe(
      'crm.example.com',
    );
  });

  it('refuses http, other schemes, credentials and non-URLs, naming url', () => {
    const http = refusal('http://crm.example.com/hooks');
    expect(http.message).toBe('url must be https');
    expect(http.details).toEqual({ field: 'url', reason: 'must be https' });
    expect(refusal('ftp://crm.example.com/').message).toBe('url must be https');
    expect(refusal('https://user:pw@crm.example.com/').message).toMatch(/^url must not carry credentials/);
    expect(refusal('crm.example.com/hooks').message).toBe('url is not an absolute URL');
  });

  it('refuses literal private addresses in every spelling the URL parser normalizes', () => {
    expect(refusal('https://169.254.169.254/latest/meta-data').message).toMatch(
      /points at a link-local \(cloud metadata\) address \(169\.254\.169\.254\)/,
    );
    // Decimal and hex spellings of 127.0.0.1 are normalized by the URL parser before the check.
    expect(refusal('https://2130706433/').message).toMatch(/a loopback address \(127\.0\.0\.1\)/);
    expect(refusal('https://0x7f.1/').message).toMatch(/a loopback address/);
    expect(refusal('https://[::ffff:10.0.0.1]/').message).toMatch(/a private address/);
    expect(refusal('https://[fd00:ec2::254]/').message).toMatch(/a private/);
    expect(refusal('https://localhost:8443/').message).toMatch(/a loopback host/);
  });

  it('lets the local stack use http on loopback, and nowhere else', () => {
    expect(checkWebhookUrlForm('http://127.0.0.1:4567/hook', LOCAL).port).toBe('4567');
    expect(checkWebhookUrlForm('http://localhost:4567/hook', LOCAL).hostname).toBe('localhost');
    expect(checkWebhookUrlForm('http://[::1]:4567/hook', LOCAL).hostname).toBe('[::1]');
    expect(refusal('http://crm.example.com/hook', LOCAL).message).toBe(
      'url must be https (the local stack allows http on loopback only)',
    );
    expect(refusal('http://10.0.0.1/hook', LOCAL).message).toMatch(/must be https/);
  });
});
