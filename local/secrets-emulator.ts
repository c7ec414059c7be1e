/**
 * A small AWS Secrets Manager for the local stack and the integration tests: the calls the product makes
 * (GetSecretValue through Powertools' SecretsProvider, CreateSecret and PutSecretValue when an org
 * connects WhatsApp or saves a webhook, DeleteSecret when it deletes one), in the AWS JSON 1.1 protocol of @aws-sdk/client-secrets-manager v3, so the secrets
 * adapter runs against it unchanged. Nothing is encrypted, versions other than the current one are not
 * kept, and SigV4 signatures are not checked.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { closeServer, listenLocally } from './ports';
import { AwsJsonError, awsJsonListener, requiredString } from './wire';

const DEFAULT_REGION = 'us-east-1';
const ACCOUNT_ID = '000000000000';

export interface SecretsEmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  region?: string;
  /** The time stamped on versions; default the system clock. */
  now?: () => Date;
}

export interface SecretsEmulator {
  /** Origin such as `http://127.0.0.1:43125`, for `new SecretsManagerClient({ endpoint })`. */
  endpoint: string;
  /** Creates the secret or stores a new current version, as a setup shortcut for the local stack. */
  putSecret(name: string, value: string): void;
  /** The current string value, or undefined when there is none. */
  secretString(name: string): string | undefined;
  stop(): Promise<void>;
}

interface Secret {
  arn: string;
  name: string;
  versionId: string;
  value: string;
  createdDate: Date;
}

export async function startSecretsEmulator(options: SecretsEmulatorOptions = {}): Promise<SecretsEmulator> {
  const region = options.region ?? DEFAULT_REGION;
  const now = options.now ?? (() => new Date());
  const secrets = new Map<string, Secret>();

  /** AWS appends six random characters to a secret's ARN; a SecretId may be the name or the ARN. */
  const find = (id: string) => secrets.get(id) ?? [...secrets.values()].find((secret) => secret.arn === id);
  const notFound = () =>
    new AwsJsonError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

  function store(name: string, value: string): Secret {
    const secret: Secret = {
      arn:
        secrets.get(name)?.arn ??
        `arn:aws:secretsmanager:${region}:${ACCOUNT_ID}:secret:${name}-${randomBytes(3).toString('hex')}`,
      name,
      versionId: randomUUID(),
      value,
      createdDate: now(),
    };
    secrets.set(name, secret);
    return secret;
  }

  const secretString = (input: Record<string, unknown>) => {
    const value = input.SecretString;
    if (typeof value !== 'string') {
      throw new AwsJsonError('InvalidRequestException', 'The emulator stores SecretString values only.');
    }
    return value;
  };
  const written = (secret: Secret) => ({ ARN: secret.arn, Name: secret.name, VersionId: secret.versionId });

  const listener = awsJsonListener({
    name: 'secrets emulator',
    protocol: '1.1',
    targetPrefix: 'secretsmanager',
    operations: {
      CreateSecret(input) {
        const name = requiredString(input, 'Name', 'InvalidParameterException');
        if (secrets.has(name)) {
          throw new AwsJsonError('ResourceExistsException', `The secret ${name} already exists.`);
        }
        return written(store(name, secretString(input)));
      },
      PutSecretValue(input) {
        const secret = find(requiredString(input, 'SecretId', 'InvalidParameterException'));
        if (!secret) throw notFound();
        return { ...written(store(secret.name, secretString(input))), VersionStages: ['AWSCURRENT'] };
      },
      DeleteSecret(input) {
        const secret = find(requiredString(input, 'SecretId', 'InvalidParameterException'));
        if (!secret) throw notFound();
        secrets.delete(secret.name);
        return { ARN: secret.arn, Name: secret.name, DeletionDate: now() };
      },
      GetSecretValue(input) {
        const secret = find(requiredString(input, 'SecretId', 'InvalidParameterException'));
        if (!secret) throw notFound();
        return {
          ...written(secret),
          SecretString: secret.value,
          VersionStages: ['AWSCURRENT'],
          CreatedDate: secret.createdDate,
        };
      },
    },
  });
  const server = createServer((request, response) => void listener(request, response));
  const endpoint = await listenLocally(server, options.port);
  return {
    endpoint,
    putSecret: (name, value) => void store(name, value),
    secretString: (name) => secrets.get(name)?.value,
    stop: () => closeServer(server),
  };
}
