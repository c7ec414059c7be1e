/**
 * Secrets Manager: JSON secrets per org (WhatsApp credentials) and the unsubscribe signing key. Reads
 * go through Powertools' SecretsProvider (cached 5 minutes per warm Lambda); values never reach logs
 * or responses.
 */
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { traceClient } from '../tracing';

export const secretsClient = traceClient(new SecretsManagerClient({}));

const CACHE_SECONDS = 5 * 60;
/** One warm sender serves many orgs: past this many secrets the oldest go first. */
const CACHE_ENTRIES = 100;

/** Powertools' cache never forgets a secret; this one keeps the newest CACHE_ENTRIES. */
class BoundedSecretsProvider extends SecretsProvider {
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
}

const provider = new BoundedSecretsProvider({ awsSdkV3Client: secretsClient });

/** The secret's string, or undefined when there is no such secret. */
export async function readSecret(name: string): Promise<string | undefined> {
  try {
    const value = await provider.get(name, { maxAge: CACHE_SECONDS });
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
  provider.forget(name);
  try {
    await secretsClient.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  } catch (error) {
    if (!(error instanceof ResourceExistsException)) throw error;
    await secretsClient.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
  }
}
