/**
 * The single table's physical shape, shared by the CDK construct and the local stack so both create the
 * same table. Entities use generic key attributes; each entity module owns how it fills them.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * What the lead-listing indexes (gsi3-5) carry besides keys: enough for a second filter to be a
 * FilterExpression on the index (assistantId; gsi1pk names the sequence, gsi1sk starts with the status).
 * The page's leads themselves are read by key afterwards (lambdas/data/lead-listing.ts), so a plan
 * write, which changes none of these, does not rewrite the index entries.
 */
export const LEAD_LIST_PROJECTION = ['assistantId', 'gsi1pk', 'gsi1sk'] as const;

export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
  gsi1: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  /**
   * Sparse and keys-only: active plans by when their pending step is due, so the plan auditor reads
   * just the overdue ones (lambdas/data/leads.ts, `dueIndexKeys`).
   */
  gsi2: { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  /** An org's leads by creation (`GET /leads`, sort createdAt/-createdAt): `<createdAt>#<leadId>`. */
  gsi3: { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  /**
   * An org's leads with a pending step by when it is due (sort nextSendAt): the same partition as gsi3,
   * sorted by gsi2's sort key, which only a pending plan has (so the index is sparse).
   */
  gsi4: { name: 'gsi4', partitionKey: 'gsi3pk', sortKey: 'gsi2sk' },
  /** An org's leads that replied, by their last reply (sort lastReplyAt): `<lastReplyAt>#<leadId>`. */
  gsi5: { name: 'gsi5', partitionKey: 'gsi3pk', sortKey: 'gsi5sk' },
  /** Epoch seconds; DynamoDB deletes the item some time after. */
  ttlAttribute: 'expiresAt',
} as const;

/** The key attributes of the table and of every index, each once. */
export const KEY_ATTRIBUTE_NAMES: readonly string[] = [
  ...new Set([
    TABLE_KEYS.partitionKey,
    TABLE_KEYS.sortKey,
    ...(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5'] as const).flatMap((index) => [
      TABLE_KEYS[index].partitionKey,
      TABLE_KEYS[index].sortKey,
    ]),
  ]),
];

/**
 * The `entity` attribute of the items the stream's consumers read. The CDK's event filters pass them on
 * (sequence edits to the re-planner; sends, timeline events and leads to the outcome counter; those and
 * sequences, re-plans, sending states and imports to the domain events' publisher), so they
 * are part of the table's contract: spelled here once, for the entity modules, the stream decoding
 * (stream-images.ts) and the infrastructure.
 */
export const SEQUENCE_ENTITY = 'sequence';
export const SEND_ENTITY = 'send';
/** A lead's timeline event. */
export const EVENT_ENTITY = 'event';
export const LEAD_ENTITY = 'lead';
/** An assistant's or an org's sending state (data/sending-reputation.ts): paused or active. */
export const SENDING_STATE_ENTITY = 'sending_state';
/** A CSV import (data/import-records.ts). */
export const IMPORT_ENTITY = 'import';
/** A finished re-plan of a sequence's leads after an edit (data/replans.ts). */
export const REPLAN_ENTITY = 'replan';
/** A reviewed step's draft and its decision (data/approvals.ts). */
export const APPROVAL_ENTITY = 'approval';

type IndexName = 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4' | 'gsi5';

/** Each secondary index as CreateTable and UpdateTable take it, in the order they were added. */
export const SECONDARY_INDEXES: readonly IndexName[] = ['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5'];

/** How much of an item each index copies: gsi1 all of it, gsi2 its keys, the listing indexes a few attributes. */
export function indexProjection(index: IndexName) {
  if (index === 'gsi1') return { ProjectionType: 'ALL' as const };
  if (index === 'gsi2') return { ProjectionType: 'KEYS_ONLY' as const };
  return { ProjectionType: 'INCLUDE' as const, NonKeyAttributes: [...LEAD_LIST_PROJECTION] };
}

/** An index as CreateTable and UpdateTable take it (a table kept by `npm start -- --persist` may predate it). */
export function indexInput(index: IndexName) {
  const { name, partitionKey, sortKey } = TABLE_KEYS[index];
  return {
    IndexName: name,
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' as const },
      { AttributeName: sortKey, KeyType: 'RANGE' as const },
    ],
    Projection: indexProjection(index),
  };
}

/** The string attribute definitions an index needs. */
export const indexAttributes = (index: IndexName) =>
  [TABLE_KEYS[index].partitionKey, TABLE_KEYS[index].sortKey].map((AttributeName) => ({
    AttributeName,
    AttributeType: 'S' as const,
  }));

/** The table for DynamoDB Local, as the CDK's TableV2 creates it in AWS. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const { partitionKey, sortKey } = TABLE_KEYS;
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: KEY_ATTRIBUTE_NAMES.map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: 'HASH' },
      { AttributeName: sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: SECONDARY_INDEXES.map(indexInput),
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
  };
}
