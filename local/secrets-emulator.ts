/**
 * A small AWS Secrets Manager for the local stack and the integration tests. It speaks the AWS JSON 1.1
 * protocol of @aws-sdk/client-secrets-manager v3 (`POST /`, `x-amz-target: secretsmanager.<Operation>`,
 * `__type` errors, epoch-second timestamps), so the production secrets adapter runs against it unchanged.
 *
 * Operations: CreateSecret, PutSecretValue, UpdateSecret, GetSecretValue, DescribeSecret, DeleteSecret.
 * Where it knowingly differs from AWS: nothing is encrypted (KmsKeyId is stored, not used); a secret
 * deleted with a recovery window stays "marked for deletion" until the emulator stops (no RestoreSecret);
 * SigV4 signatures are not checked.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import * as z from 'zod';
import { closeServer, listenLocally } from './ports';
import { answerAwsJson, readText } from './wire';

const DEFAULT_REGION = 'us-east-1';
const ACCOUNT_ID = '000000000000';
const MAX_SECRET_BYTES = 65_536;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface SecretsEmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  region?: string;
  /** The time stamped on versions and deletions; default the system clock. */
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

type ErrorType =
  | 'InternalServiceError'
  | 'InvalidParameterException'
  | 'InvalidRequestException'
  | 'ResourceExistsException'
  | 'ResourceNotFoundException'
  | 'UnknownOperationException';

class SecretsError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

interface SecretVersion {
  versionId: string;
  secretString: string | undefined;
  /** Base64, as the JSON protocol carries blobs. */
  secretBinary: string | undefined;
  stages: string[];
  createdDate: Date;
}

interface Secret {
  arn: string;
  name: string;
  description: string | undefined;
  kmsKeyId: string | undefined;
  tags: Array<{ Key?: string | undefined; Value?: string | undefined }> | undefined;
  createdDate: Date;
  lastChangedDate: Date;
  deletedDate: Date | undefined;
  versions: SecretVersion[];
}

const secretName = z
  .string()
  .regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/, 'must be 1-512 characters of letters, digits and /_+=.@-');
const secretId = z.string().min(1).max(2048);
const clientRequestToken = z.string().min(32).max(64).optional();
const secretValue = {
  SecretString: z.string().optional(),
  SecretBinary: z.string().optional(),
};

const schemas = {
  CreateSecret: z.object({
    Name: secretName,
    ClientRequestToken: clientRequestToken,
    Description: z.string().max(2048).optional(),
    KmsKeyId: z.string().optional(),
    Tags: z.array(z.object({ Key: z.string().optional(), Value: z.string().optional() })).optional(),
    ForceOverwriteReplicaSecret: z.boolean().optional(),
    ...secretValue,
  }),
  PutSecretValue: z.object({
    SecretId: secretId,
    ClientRequestToken: clientRequestToken,
    VersionStages: z.array(z.string()).optional(),
    ...secretValue,
  }),
  UpdateSecret: z.object({
    SecretId: secretId,
    ClientRequestToken: clientRequestToken,
    Description: z.string().max(2048).optional(),
    KmsKeyId: z.string().optional(),
    ...secretValue,
  }),
  GetSecretValue: z.object({
    SecretId: secretId,
    VersionId: z.string().optional(),
    VersionStage: z.string().optional(),
  }),
  DescribeSecret: z.object({ SecretId: secretId }),
  DeleteSecret: z.object({
    SecretId: secretId,
    RecoveryWindowInDays: z.number().int().min(7).max(30).optional(),
    ForceDeleteWithoutRecovery: z.boolean().optional(),
  }),
};

type Operation = keyof typeof schemas;

const notFound = () =>
  new SecretsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");

/** Secrets Manager speaks AWS JSON 1.1. */
const SECRETS_JSON = { protocol: '1.1' } as const;

export async function startSecretsEmulator(options: SecretsEmulatorOptions = {}): Promise<SecretsEmulator> {
  const region = options.region ?? DEFAULT_REGION;
  const now = options.now ?? (() => new Date());
  const secrets = new Map<string, Secret>();

  function find(id: string): Secret {
    const secret = secrets.get(id) ?? [...secrets.values()].find((candidate) => candidate.arn === id);
    if (!secret) throw notFound();
    return secret;
  }

  function findLive(id: string): Secret {
    const secret = find(id);
    if (secret.deletedDate) {
      throw new SecretsError(
        'InvalidRequestException',
        "You can't perform this operation on the secret because it was marked for deletion.",
      );
    }
    return secret;
  }

  /** Adds a version that becomes AWSCURRENT; the previous current one becomes AWSPREVIOUS. */
  function addVersion(
    secret: Secret,
    value: { SecretString?: string | undefined; SecretBinary?: string | undefined },
    token: string | undefined,
    stages: string[] = ['AWSCURRENT'],
  ): SecretVersion {
    checkValue(value);
    const versionId = token ?? randomUUID();
    const existing = secret.versions.find((version) => version.versionId === versionId);
    if (existing) {
      // A retried request with the same token is fine; the same token with another value is not.
      if (existing.secretString === value.SecretString && existing.secretBinary === value.SecretBinary) {
        return existing;
      }
      throw new SecretsError(
        'ResourceExistsException',
        `You can't modify an existing version, you can only create a new version. VersionId: ${versionId}`,
      );
    }
    // A staging label marks one version at a time; the version losing AWSCURRENT keeps AWSPREVIOUS.
    const moving = new Set(stages);
    const current = secret.versions.find((version) => version.stages.includes('AWSCURRENT'));
    if (moving.has('AWSCURRENT') && current) {
      for (const version of secret.versions) {
        version.stages = version.stages.filter((stage) => stage !== 'AWSPREVIOUS');
      }
      current.stages.push('AWSPREVIOUS');
    }
    for (const version of secret.versions) {
      version.stages = version.stages.filter((stage) => !moving.has(stage));
    }
    const version: SecretVersion = {
      versionId,
      secretString: value.SecretString,
      secretBinary: value.SecretBinary,
      stages: [...stages],
      createdDate: now(),
    };
    secret.versions.push(version);
    // Versions without a stage are deprecated; AWS keeps about 100 of them, locally a few suffice.
    secret.versions = secret.versions.filter(
      (candidate, index, all) => candidate.stages.length > 0 || index >= all.length - 10,
    );
    secret.lastChangedDate = version.createdDate;
    return version;
  }

  function createSecret(input: z.output<typeof schemas.CreateSecret>) {
    const existing = secrets.get(input.Name);
    if (existing?.deletedDate) {
      throw new SecretsError(
        'InvalidRequestException',
        `You can't create this secret because a secret with this name is already scheduled for deletion.`,
      );
    }
    if (existing) {
      throw new SecretsError(
        'ResourceExistsException',
        `The operation failed because the secret ${input.Name} already exists.`,
      );
    }
    const created = now();
    const secret: Secret = {
      arn: `arn:aws:secretsmanager:${region}:${ACCOUNT_ID}:secret:${input.Name}-${randomBytes(3).toString('hex')}`,
      name: input.Name,
      description: input.Description,
      kmsKeyId: input.KmsKeyId,
      tags: input.Tags,
      createdDate: created,
      lastChangedDate: created,
      deletedDate: undefined,
      versions: [],
    };
    const hasValue = input.SecretString !== undefined || input.SecretBinary !== undefined;
    // Validate before storing, so a refused value leaves no secret behind.
    const version = hasValue ? addVersion(secret, input, input.ClientRequestToken) : undefined;
    secrets.set(secret.name, secret);
    return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.versionId } : {}) };
  }

  function getSecretValue(input: z.output<typeof schemas.GetSecretValue>) {
    const secret = findLive(input.SecretId);
    const stage = input.VersionStage ?? (input.VersionId === undefined ? 'AWSCURRENT' : undefined);
    const version = secret.versions.find(
      (candidate) =>
        (input.VersionId === undefined || candidate.versionId === input.VersionId) &&
        (stage === undefined || candidate.stages.includes(stage)),
    );
    if (!version) {
      throw new SecretsError(
        'ResourceNotFoundException',
        input.VersionId === undefined
          ? `Secrets Manager can't find the specified secret value for staging label: ${stage ?? 'AWSCURRENT'}`
          : `Secrets Manager can't find the specified secret value for VersionId: ${input.VersionId}`,
      );
    }
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: version.versionId,
      ...(version.secretString === undefined ? {} : { SecretString: version.secretString }),
      ...(version.secretBinary === undefined ? {} : { SecretBinary: version.secretBinary }),
      VersionStages: version.stages,
      CreatedDate: version.createdDate,
    };
  }

  function describeSecret(secret: Secret) {
    return {
      ARN: secret.arn,
      Name: secret.name,
      ...(secret.description === undefined ? {} : { Description: secret.description }),
      ...(secret.kmsKeyId === undefined ? {} : { KmsKeyId: secret.kmsKeyId }),
      ...(secret.tags === undefined ? {} : { Tags: secret.tags }),
      CreatedDate: secret.createdDate,
      LastChangedDate: secret.lastChangedDate,
      ...(secret.deletedDate === undefined ? {} : { DeletedDate: secret.deletedDate }),
      VersionIdsToStages: Object.fromEntries(
        secret.versions
          .filter((version) => version.stages.length > 0)
          .map((version) => [version.versionId, version.stages]),
      ),
    };
  }

  function deleteSecret(input: z.output<typeof schemas.DeleteSecret>) {
    if (input.ForceDeleteWithoutRecovery && input.RecoveryWindowInDays !== undefined) {
      throw new SecretsError(
        'InvalidParameterException',
        "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
      );
    }
    const secret = find(input.SecretId);
    const deleted = now();
    if (input.ForceDeleteWithoutRecovery) {
      secrets.delete(secret.name);
      return { ARN: secret.arn, Name: secret.name, DeletionDate: deleted };
    }
    secret.deletedDate ??= deleted;
    const deletionDate = new Date(secret.deletedDate.getTime() + (input.RecoveryWindowInDays ?? 30) * DAY_MS);
    return { ARN: secret.arn, Name: secret.name, DeletionDate: deletionDate };
  }

  function handleOperation(operation: Operation, body: unknown): unknown {
    switch (operation) {
      case 'CreateSecret':
        return createSecret(parse(schemas.CreateSecret, body));
      case 'PutSecretValue': {
        const input = parse(schemas.PutSecretValue, body);
        const secret = findLive(input.SecretId);
        const version = addVersion(secret, input, input.ClientRequestToken, input.VersionStages);
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: version.versionId,
          VersionStages: version.stages,
        };
      }
      case 'UpdateSecret': {
        const input = parse(schemas.UpdateSecret, body);
        const secret = findLive(input.SecretId);
        if (input.Description !== undefined) secret.description = input.Description;
        if (input.KmsKeyId !== undefined) secret.kmsKeyId = input.KmsKeyId;
        const hasValue = input.SecretString !== undefined || input.SecretBinary !== undefined;
        const version = hasValue ? addVersion(secret, input, input.ClientRequestToken) : undefined;
        if (!version) secret.lastChangedDate = now();
        return { ARN: secret.arn, Name: secret.name, ...(version ? { VersionId: version.versionId } : {}) };
      }
      case 'GetSecretValue':
        return getSecretValue(parse(schemas.GetSecretValue, body));
      case 'DescribeSecret':
        return describeSecret(find(parse(schemas.DescribeSecret, body).SecretId));
      case 'DeleteSecret':
        return deleteSecret(parse(schemas.DeleteSecret, body));
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const text = await readText(request);
      const target = request.headers['x-amz-target'];
      const operation = typeof target === 'string' ? /^secretsmanager\.(\w+)$/.exec(target)?.[1] : undefined;
      if (request.method !== 'POST' || operation === undefined || !(operation in schemas)) {
        throw new SecretsError(
          'UnknownOperationException',
          `The emulator does not support ${String(target ?? `${request.method} ${request.url}`)}`,
        );
      }
      let body: unknown;
      try {
        body = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        throw new SecretsError('InvalidParameterException', 'The request body is not valid JSON.');
      }
      answerAwsJson(response, 200, handleOperation(operation as Operation, body), SECRETS_JSON);
    } catch (error) {
      const known =
        error instanceof SecretsError
          ? error
          : new SecretsError('InternalServiceError', 'The emulator failed; see its logs.', 500);
      if (known !== error) console.error('secrets emulator:', error);
      answerAwsJson(response, known.status, { __type: known.type, Message: known.message }, SECRETS_JSON);
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  const endpoint = await listenLocally(server, options.port);

  return {
    endpoint,
    putSecret(name, value) {
      const secret = secrets.get(name);
      if (secret && !secret.deletedDate) addVersion(secret, { SecretString: value }, undefined);
      else {
        secrets.delete(name);
        createSecret({ Name: parse(secretName, name), SecretString: value });
      }
    },
    secretString(name) {
      const secret = secrets.get(name);
      if (!secret || secret.deletedDate) return undefined;
      return secret.versions.find((version) => version.stages.includes('AWSCURRENT'))?.secretString;
    },
    stop: () => closeServer(server),
  };
}

function checkValue(value: { SecretString?: string | undefined; SecretBinary?: string | undefined }): void {
  if ((value.SecretString === undefined) === (value.SecretBinary === undefined)) {
    throw new SecretsError(
      'InvalidParameterException',
      'You must provide either SecretString or SecretBinary.',
    );
  }
  const size =
    value.SecretString === undefined
      ? Buffer.from(value.SecretBinary ?? '', 'base64').length
      : Buffer.byteLength(value.SecretString);
  if (size > MAX_SECRET_BYTES) {
    throw new SecretsError(
      'InvalidParameterException',
      `The secret value must be at most ${MAX_SECRET_BYTES} bytes.`,
    );
  }
}

function parse<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new SecretsError(
    'InvalidParameterException',
    issue ? `Invalid ${issue.path.join('.') || 'request'}: ${issue.message}` : 'Invalid request',
  );
}
