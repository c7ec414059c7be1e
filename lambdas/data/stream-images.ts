/**
 * The table's stream as its consumers read it: where stream images enter the code, unmarshalled in one
 * place and checked with one schema per entity a consumer reads, so no consumer casts an image to a
 * stored shape it may not have. An image that does not fit its schema reads as undefined: the
 * consumers skip what they do not count or re-plan.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, AttributeValue as StreamAttributeValue } from 'aws-lambda';
import * as z from 'zod/mini';
import { ENROLLMENT_STATUSES, STOP_REASONS } from '../core/enrollment-status';
import { type ReputationScope, reputationScopeOf } from './reputation-keys';
import {
  EVENT_ENTITY,
  IMPORT_ENTITY,
  LEAD_ENTITY,
  REPLAN_ENTITY,
  SEND_ENTITY,
  SENDING_STATE_ENTITY,
  SEQUENCE_ENTITY,
} from './table-schema';

/** A stream image as the Lambda event carries it. */
export type StreamImage = Record<string, StreamAttributeValue>;

/** One stream record, its images unmarshalled. */
export interface TableChange {
  eventName?: DynamoDBRecord['eventName'];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /**
   * ISO 8601: when DynamoDB wrote the change (to the second), for a change whose item keeps no time of
   * its own, such as a deletion.
   */
  at?: string;
}

export function tableChangeOf(record: DynamoDBRecord): TableChange {
  const written = record.dynamodb?.ApproximateCreationDateTime;
  return {
    eventName: record.eventName,
    before: unmarshallImage(record.dynamodb?.OldImage),
    after: unmarshallImage(record.dynamodb?.NewImage),
    ...(written !== undefined && { at: new Date(written * 1000).toISOString() }),
  };
}

/**
 * The one unmarshalling of a stream image. The event's attribute values and the SDK's are the same
 * wire shape typed twice (aws-lambda's and @aws-sdk/client-dynamodb's), hence the one type bridge;
 * what the item holds is checked by the schemas below, not assumed.
 */
export function unmarshallImage(image: StreamImage | undefined): Record<string, unknown> | undefined {
  return image && unmarshall(image as Record<string, AttributeValue>);
}

const parsed = <T>(schema: z.ZodMiniType<T>, image: unknown): T | undefined => {
  if (image === undefined) return undefined;
  const result = schema.safeParse(image);
  return result.success ? result.data : undefined;
};

/** What the re-planner reads of a sequence: who it is, its version, its steps' timing and review. */
const SequenceImageSchema = z.looseObject({
  entity: z.literal(SEQUENCE_ENTITY),
  orgId: z.string().check(z.minLength(1)),
  id: z.string().check(z.minLength(1)),
  version: z.number(),
  updatedAt: z.optional(z.string()),
  steps: z.optional(z.array(z.looseObject({ afterDays: z.number() }))),
  /** Its review settings (core/approvals.ts): an edit of them re-plans the leads' drafts. */
  review: z.optional(z.string()),
  approvalTimeoutDays: z.optional(z.number()),
});
export type SequenceImage = z.output<typeof SequenceImageSchema>;
export const sequenceImage = (image: Record<string, unknown> | undefined) =>
  parsed(SequenceImageSchema, image);

/** What the outcome counter reads of a send record. */
const SendImageSchema = z.looseObject({
  entity: z.literal(SEND_ENTITY),
  orgId: z.string(),
  stepIndex: z.number().check(z.int()),
  status: z.string(),
  at: z.string(),
  sequenceId: z.optional(z.string()),
  assistantId: z.optional(z.string()),
  variant: z.optional(z.string()),
  tone: z.optional(z.string()),
  /** What the domain events name (engine/domain-events.ts); the counter reads none of them. */
  leadId: z.optional(z.string()),
  runId: z.optional(z.string()),
  /** Loose, so a record the counter reads never fails on it: checked where it is published. */
  channel: z.optional(z.string()),
  providerMessageId: z.optional(z.string()),
  reason: z.optional(z.string()),
});
export type SendImage = z.output<typeof SendImageSchema>;
export const sendImage = (image: Record<string, unknown> | undefined) => parsed(SendImageSchema, image);

/** The status any image carries, for what a send record was before a change. */
export const statusImage = (image: Record<string, unknown> | undefined) =>
  parsed(z.looseObject({ status: z.string() }), image);

/** What the outcome counter reads of a timeline event. */
const EventImageSchema = z.looseObject({
  entity: z.literal(EVENT_ENTITY),
  kind: z.string(),
  at: z.string(),
  orgId: z.string(),
  leadId: z.string(),
  /** Loose: the reply-intent counting reads `intent`, `via`, `from` and `to` and checks them itself. */
  detail: z.optional(z.looseObject({ providerMessageId: z.optional(z.string()) })),
  /** The step a provider event is about, as appendTimelineEvent's `credit` stored it. */
  credit: z.optional(
    z.object({
      orgId: z.string(),
      stepIndex: z.number(),
      sequenceId: z.optional(z.string()),
      assistantId: z.optional(z.string()),
      variant: z.optional(z.string()),
      tone: z.optional(z.string()),
    }),
  ),
});
export type EventImage = z.output<typeof EventImageSchema>;
export const eventImage = (image: Record<string, unknown> | undefined) => parsed(EventImageSchema, image);

/** What the outcome counter reads of a lead: its enrollment. */
const LeadImageSchema = z.looseObject({
  entity: z.literal(LEAD_ENTITY),
  orgId: z.string(),
  updatedAt: z.optional(z.string()),
  /** The domain events name the lead and its assistant; the counter reads neither. */
  id: z.optional(z.string()),
  assistantId: z.optional(z.string()),
  enrollment: z.looseObject({
    runId: z.string(),
    sequenceId: z.string(),
    status: z.enum(ENROLLMENT_STATUSES),
    stopReason: z.optional(z.enum(STOP_REASONS)),
    revision: z.optional(z.number()),
    snoozedUntil: z.optional(z.string()),
    nextSendAt: z.optional(z.string()),
  }),
});
export type LeadImage = z.output<typeof LeadImageSchema>;
export const leadImage = (image: Record<string, unknown> | undefined) => parsed(LeadImageSchema, image);

/** What the domain events read of an assistant's or an org's sending state; the scope comes from its key. */
const SendingStateImageSchema = z.looseObject({
  entity: z.literal(SENDING_STATE_ENTITY),
  pk: z.string(),
  status: z.optional(z.enum(['active', 'paused'])),
  since: z.optional(z.string()),
  reason: z.optional(z.string()),
  epoch: z.optional(z.number()),
  cause: z.optional(
    z.looseObject({
      rate: z.optional(z.enum(['bounceRate', 'complaintRate'])),
      value: z.optional(z.number()),
      threshold: z.optional(z.number()),
    }),
  ),
});
export type SendingStateImage = z.output<typeof SendingStateImageSchema> & { scope: ReputationScope };
export const sendingStateImage = (
  image: Record<string, unknown> | undefined,
): SendingStateImage | undefined => {
  const state = parsed(SendingStateImageSchema, image);
  const scope = state && reputationScopeOf(state.pk);
  return state && scope && { ...state, scope };
};

/** What the domain events read of an import: its status and counts. */
const ImportImageSchema = z.looseObject({
  entity: z.literal(IMPORT_ENTITY),
  id: z.string(),
  orgId: z.string(),
  status: z.string(),
  total: z.number(),
  created: z.number(),
  duplicates: z.number(),
  failed: z.number(),
  finishedAt: z.optional(z.string()),
});
export type ImportImage = z.output<typeof ImportImageSchema>;
export const importImage = (image: Record<string, unknown> | undefined) => parsed(ImportImageSchema, image);

/** What the domain events read of a finished re-plan (data/replans.ts). */
const ReplanImageSchema = z.looseObject({
  entity: z.literal(REPLAN_ENTITY),
  orgId: z.string().check(z.minLength(1)),
  sequenceId: z.string().check(z.minLength(1)),
  version: z.number(),
  leads: z.number(),
  finishedAt: z.string(),
});
export type ReplanImage = z.output<typeof ReplanImageSchema>;
export const replanImage = (image: Record<string, unknown> | undefined) => parsed(ReplanImageSchema, image);

/** The table keys of an image, which name its item (the domain events' ids are derived from them). */
export const keysImage = (image: Record<string, unknown> | undefined) =>
  parsed(z.looseObject({ pk: z.string(), sk: z.string() }), image);

/** Which entity an image is of, if it names one. */
export const entityOf = (image: Record<string, unknown> | undefined): unknown => image?.entity;
