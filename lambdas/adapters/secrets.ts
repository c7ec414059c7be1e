/**
 * Secrets Manager: JSON secrets per org (WhatsApp credentials) and the unsubscribe signing key. Reads
 * are cached for a few minutes per warm Lambda; values never reach logs or responses.
 */
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { tracer } from '../observability';

export const secretsClient = tracer.captureAWSv3Client(new SecretsManagerClient({}));

const CACHE_MS = 5 * 60 * 1000;
/** One warm Lambda serves many orgs: the oldest entries go first past this many secrets. */
const CACHE_ENTRIES = 100;
const cache = new Map<string, { value: string; until: number }>();

/** The secret's string, or undefined when there is no such secret. */
export async function readSecret(name: string): Promise<string | undefined> {
  const cached = cache.get(name);
  if (cached && cached.until > Date.now()) return cached.value;
  try {
    const { SecretString } = await secretsClient.send(new GetSecretValueCommand({ SecretId: name }));
    if (SecretString === undefined) return undefined;
    cache.delete(name);
    cache.set(name, { value: SecretString, until: Date.now() + CACHE_MS });
    for (const oldest of cache.keys()) {
      if (cache.size <= CACHE_ENTRIES) break;
      cache.delete(oldest);
    }
    return SecretString;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/** Creates the secret or stores a new version of it. */
export async function writeSecret(name: string, value: string): Promise<void> {
  cache.delete(name);
  try {
    await secretsClient.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  } catch (error) {
    if (!(error instanceof ResourceExistsException)) throw error;
    await secretsClient.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
  }
}
