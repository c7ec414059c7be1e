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
import { EVENT_ENTITY, LEAD_ENTITY, SEND_ENTITY, SEQUENCE_ENTITY } from './table-schema';

/** A stream image as the Lambda event carries it. */
export type StreamImage = Record<string, StreamAttributeValue>;

/** One stream record, its images unmarshalled. */
export interface TableChange {
  eventName?: DynamoDBRecord['eventName'];
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

export function tableChangeOf(record: DynamoDBRecord): TableChange {
  return {
    eventName: record.eventName,
    before: unmarshallImage(record.dynamodb?.OldImage),
    after: unmarshallImage(record.dynamodb?.NewImage),
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

/** What the re-planner reads of a sequence: who it is, its version, and its steps' timing. */
const SequenceImageSchema = z.looseObject({
  entity: z.literal(SEQUENCE_ENTITY),
  orgId: z.string().check(z.minLength(1)),
  id: z.string().check(z.minLength(1)),
  version: z.number(),
  steps: z.optional(z.array(z.looseObject({ afterDays: z.number() }))),
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
  enrollment: z.looseObject({
    runId: z.string(),
    sequenceId: z.string(),
    status: z.enum(ENROLLMENT_STATUSES),
    stopReason: z.optional(z.enum(STOP_REASONS)),
  }),
});
export const leadImage = (image: Record<string, unknown> | undefined) => parsed(LeadImageSchema, image);

/** Which entity an image is of, if it names one. */
export const entityOf = (image: Record<string, unknown> | undefined): unknown => image?.entity;
