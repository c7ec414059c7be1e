/**
 * The single table's physical shape, shared by the CDK construct and the local stack so both create the
 * same table. Entities use generic key attributes; each entity module owns how it fills them.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /**
   * Sparse and keys-only: active plans by when their pending step is due, so the plan auditor reads
   * just the overdue ones (lambdas/data/leads.ts, `dueIndexKeys`).
   */
  gsi2: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** Epoch seconds; DynamoDB deletes the item some time after. */
  ttlAttribute: 'expiresAt',
} as const;

/**
 * The `entity` attribute every item carries. Stream consumers filter on it (the CDK's event filter
 * passes only sequence edits to the re-planner), so it is part of the table's contract.
 */
export const SEQUENCE_ENTITY = 'sequence';

/** The table for DynamoDB Local, as the CDK's TableV2 creates it in AWS. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey, gsi1, gsi2 } = TABLE_KEYS;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      partitionKey,
      sortKey,
      gsi1.partitionKey,
      gsi1.sortKey,
      gsi2.partitionKey,
      gsi2.sortKey,
    ].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: gsi1.name,
        KeySchema: [
          { AttributeName: gsi1.partitionKey, KeyType: 'HASH' },
          { AttributeName: gsi1.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
      dueIndexInput(),
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}

/** gsi2 as CreateTable and UpdateTable take it (a table kept by `npm start -- --persist` may predate it). */
export function dueIndexInput() {
  const { gsi2 } = TABLE_KEYS;
  return {
    IndexName: gsi2.name,
    KeySchema: [
      { AttributeName: gsi2.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: gsi2.sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'KEYS_ONLY' as const },
  };
}
