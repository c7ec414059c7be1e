/**
 * Secrets Manager: JSON secrets per org (WhatsApp credentials) and the unsubscribe signing key. Reads
 * go through Powertools' SecretsProvider (cached 5 minutes per warm Lambda); values never reach logs
 * or responses.
 */
import type { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

const sdk = () => import('@aws-sdk/client-secrets-manager');

export const secretsClient = onFirstUse(
  async (): Promise<SecretsManagerClient> => traceClient(new (await sdk()).SecretsManagerClient({})),
);

const CACHE_SECONDS = 5 * 60;
/** One warm sender serves many orgs: past this many secrets the oldest go first. */
const CACHE_ENTRIES = 100;

/** Powertools' cache never forgets a secret; this one keeps the newest CACHE_ENTRIES. */
function boundedProvider(Provider: typeof SecretsProvider, client: SecretsManagerClient) {
  return new (class BoundedSecretsProvider extends Provider {
    override addToCache(key: string, value: unknown, maxAge: number): void {
      this.store.delete(key);
      super.addToCache(key, value, maxAge);
      for (const oldest of this.store.keys()) {
        if (this.store.size <= CACHE_ENTRIES) break;
        this.store.delete(oldest);
      }
    }

    forget(name: string): void {
      for (const key of this.store.keys()) if (key.startsWith(`${name},`)) this.store.delete(key);
    }
  })({ awsSdkV3Client: client });
}

/** Made, with the SDK client, on the first secret read or written. */
const secretsProvider = onFirstUse(async () => {
  const [{ SecretsProvider }, client] = await Promise.all([
    import('@aws-lambda-powertools/parameters/secrets'),
    secretsClient(),
  ]);
  return boundedProvider(SecretsProvider, client);
});

/**
 * The secret's string, or undefined when there is no such secret. `fresh`: skip the cache, for a reader
 * that knows the value changed since it was cached (a rotated webhook secret).
 */
export async function readSecret(
  name: string,
  options: { fresh?: boolean } = {},
): Promise<string | undefined> {
  const [provider, { ResourceNotFoundException }] = await Promise.all([secretsProvider(), sdk()]);
  try {
    const value = await provider.get(name, { maxAge: CACHE_SECONDS, forceFetch: options.fresh === true });
    return typeof value === 'string' ? value : undefined;
  } catch (error) {
    // Powertools wraps every SDK error; keep the SDK's own for callers and retries to classify.
    const cause = error instanceof Error ? error.cause : undefined;
    if (cause instanceof ResourceNotFoundException) return undefined;
    throw cause instanceof Error ? cause : error;
  }
}

/** Creates the secret or stores a new version of it. */
export async function writeSecret(name: string, value: string): Promise<void> {
  const [provider, client, { CreateSecretCommand, PutSecretValueCommand, ResourceExistsException }] =
    await Promise.all([secretsProvider(), secretsClient(), sdk()]);
  provider.forget(name);
  try {
    await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  } catch (error) {
    if (!(error instanceof ResourceExistsException)) throw error;
    await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
  }
}

/** Deletes the secret at once (no recovery window: its name is never used again); gone already is fine. */
export async function deleteSecret(name: string): Promise<void> {
  const [provider, client, { DeleteSecretCommand, ResourceNotFoundException }] = await Promise.all([
    secretsProvider(),
    secretsClient(),
    sdk(),
  ]);
  provider.forget(name);
  try {
    await client.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }));
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
}
