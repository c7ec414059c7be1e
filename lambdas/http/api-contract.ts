/**
 * The HTTP API's contract: every operation with its route, the Lambda that serves it and the zod
 * schemas of its input and output. The CDK builds routes from it, the local server dispatches with it,
 * handlers are typed by it and the OpenAPI document is generated from it. Nothing here touches AWS.
 */
import { z } from 'zod';
import {
  EmailContentSchema,
  MessageCloneSchema,
  MessageInputSchema,
  WhatsAppContentSchema,
} from '../core/messages';
import { isValidTimeZone } from '../core/send-window';
import {
  CHANNELS,
  CloneInputSchema,
  SEQUENCE_TYPES,
  SequenceInputSchema,
  SequenceReplaceSchema,
  StepShape,
} from '../core/sequences';

/** The Lambda functions behind the API; each is `lambdas/<name>-api.ts`. */
export const API_FUNCTIONS = ['sequences', 'messages'] as const;
export type ApiFunctionName = (typeof API_FUNCTIONS)[number];

export interface Operation {
  fn: ApiFunctionName;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: `/${string}`;
  summary: string;
  /** Success status. */
  status: 200 | 201 | 204;
  body?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  /** Sends and checks `ETag`/`If-Match` versions. */
  versioned?: boolean;
}

const audit = {
  system: z.boolean(),
  ownerId: z.string(),
  editable: z.boolean().describe('Whether the caller may change or delete it'),
  version: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
};

export const SequenceViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    type: z.enum(SEQUENCE_TYPES),
    ...audit,
    steps: z.array(StepShape),
  })
  .meta({ id: 'Sequence' });

export const MessageViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(CHANNELS),
    ...audit,
    email: EmailContentSchema.optional(),
    whatsapp: WhatsAppContentSchema.optional(),
  })
  .meta({ id: 'Message' });

export const StepDatesPreviewSchema = z.object({
  steps: z
    .array(StepShape.pick({ afterDays: true }).loose())
    .min(1)
    .max(20),
  startAt: z.iso.datetime({ offset: true }).optional().describe('Start of the enrollment; default now'),
  timezone: z
    .string()
    .refine(isValidTimeZone, 'Not an IANA time zone, e.g. Europe/Berlin')
    .optional()
    .describe('IANA time zone the dates are counted in; default UTC'),
});

const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const idParam = { id: 'The id' } as const;

export const operations = {
  listSequences: {
    fn: 'sequences',
    method: 'GET',
    path: '/sequences',
    summary: 'List the sequences visible to the caller: the system ones first, then the org’s by name',
    status: 200,
    response: itemsOf(SequenceViewSchema),
  },
  getSequence: {
    fn: 'sequences',
    method: 'GET',
    path: '/sequences/{id}',
    summary: 'Get a sequence',
    status: 200,
    response: SequenceViewSchema,
    versioned: true,
  },
  createSequence: {
    fn: 'sequences',
    method: 'POST',
    path: '/sequences',
    summary: 'Create a sequence owned by the caller',
    status: 201,
    body: SequenceInputSchema,
    response: SequenceViewSchema,
    versioned: true,
  },
  cloneSequence: {
    fn: 'sequences',
    method: 'POST',
    path: '/sequences/{id}/clone',
    summary: 'Clone any visible sequence, system ones included, into one owned by the caller',
    status: 201,
    body: CloneInputSchema,
    response: SequenceViewSchema,
    versioned: true,
  },
  replaceSequence: {
    fn: 'sequences',
    method: 'PUT',
    path: '/sequences/{id}',
    summary: 'Replace a sequence; needs If-Match with the version read',
    status: 200,
    body: SequenceReplaceSchema,
    response: SequenceViewSchema,
    versioned: true,
  },
  deleteSequence: {
    fn: 'sequences',
    method: 'DELETE',
    path: '/sequences/{id}',
    summary: 'Delete a sequence the caller owns',
    status: 204,
  },
  previewStepDates: {
    fn: 'sequences',
    method: 'POST',
    path: '/sequences/preview',
    summary: 'The example send date beside each step, as the editor shows it',
    status: 200,
    body: StepDatesPreviewSchema,
    response: itemsOf(z.object({ step: z.number().int(), sendAt: z.iso.datetime() })),
  },
  listMessages: {
    fn: 'messages',
    method: 'GET',
    path: '/messages',
    summary: 'List the custom messages visible to the caller: the system ones first, then the org’s by name',
    status: 200,
    response: itemsOf(MessageViewSchema),
  },
  getMessage: {
    fn: 'messages',
    method: 'GET',
    path: '/messages/{id}',
    summary: 'Get a custom message',
    status: 200,
    response: MessageViewSchema,
    versioned: true,
  },
  createMessage: {
    fn: 'messages',
    method: 'POST',
    path: '/messages',
    summary: 'Create a custom message owned by the caller',
    status: 201,
    body: MessageInputSchema,
    response: MessageViewSchema,
    versioned: true,
  },
  cloneMessage: {
    fn: 'messages',
    method: 'POST',
    path: '/messages/{id}/clone',
    summary: 'Clone any visible message into one owned by the caller',
    status: 201,
    body: MessageCloneSchema,
    response: MessageViewSchema,
    versioned: true,
  },
  replaceMessage: {
    fn: 'messages',
    method: 'PUT',
    path: '/messages/{id}',
    summary: 'Replace a custom message; needs If-Match with the version read',
    status: 200,
    body: MessageInputSchema,
    response: MessageViewSchema,
    versioned: true,
  },
  deleteMessage: {
    fn: 'messages',
    method: 'DELETE',
    path: '/messages/{id}',
    summary: 'Delete a custom message the caller owns; refused while a sequence uses it',
    status: 204,
  },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;
export type OperationsOf<F extends ApiFunctionName> = {
  [K in OperationId]: (typeof operations)[K]['fn'] extends F ? K : never;
}[OperationId];

export const PATH_PARAM_DESCRIPTIONS: Record<string, string> = idParam;

/** The API Gateway route key of an operation, e.g. `GET /sequences/{id}`. */
export const routeKey = (operation: Operation) => `${operation.method} ${operation.path}`;
