/** The secrets adapter: Powertools' provider with a bounded cache, not-found as undefined, SDK errors kept. */

import {
  CreateSecretCommand,
  GetSecretValueCommand,
  InternalServiceError,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const secrets = mockClient(SecretsManagerClient);

/** A fresh module per test: the cache lives at module scope, as in a warm Lambda. */
const freshAdapter = async () => {
  vi.resetModules();
  return import('../../../lambdas/adapters/secrets');
};

describe('secrets adapter', () => {
  beforeEach(() => {
    secrets.reset();
    secrets.on(GetSecretValueCommand).callsFake(({ SecretId }) => ({ SecretString: `value of ${SecretId}` }));
  });

  it('reads a secret once per warm Lambda and cache window', async () => {
    const { readSecret } = await freshAdapter();

    expect(await readSecret('org/acme')).toBe('value of org/acme');
    expect(await readSecret('org/acme')).toBe('value of org/acme');

    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
  });

  it('answers undefined for a secret that does not exist', async () => {
    secrets
      .on(GetSecretValueCommand, { SecretId: 'missing' })
      .rejects(new ResourceNotFoundException({ message: 'no such secret', $metadata: {} }));
    const { readSecret } = await freshAdapter();

    expect(await readSecret('missing')).toBeUndefined();
  });

  it('throws the SDK error itself, so callers can tell a throttle from a fault', async () => {
    secrets.on(GetSecretValueCommand).rejects(new InternalServiceError({ message: 'boom', $metadata: {} }));
    const { readSecret } = await freshAdapter();

    await expect(readSecret('org/acme')).rejects.toBeInstanceOf(InternalServiceError);
  });

  it('keeps only the newest 100 secrets', async () => {
    const { readSecret } = await freshAdapter();
    for (let org = 0; org <= 100; org += 1) await readSecret(`org/${org}`);
    secrets.resetHistory();

    await readSecret('org/100'); // newest: cached
    await readSecret('org/0'); // oldest: evicted, read again

    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 1);
    expect(secrets).toHaveReceivedCommandWith(GetSecretValueCommand, { SecretId: 'org/0' });
  });

  it('forgets a cached secret when it is written, creating or updating it', async () => {
    secrets
      .on(CreateSecretCommand)
      .rejects(new ResourceExistsException({ message: 'exists', $metadata: {} }));
    secrets.on(PutSecretValueCommand).resolves({});
    const { readSecret, writeSecret } = await freshAdapter();
    await readSecret('org/acme');

    await writeSecret('org/acme', 'new');
    await readSecret('org/acme');

    expect(secrets).toHaveReceivedCommandWith(PutSecretValueCommand, {
      SecretId: 'org/acme',
      SecretString: 'new',
    });
    expect(secrets).toHaveReceivedCommandTimes(GetSecretValueCommand, 2);
  });
});
