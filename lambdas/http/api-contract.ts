/**
 * The HTTP API's contract: every operation with its route, the Lambda that serves it and the zod
 * schemas of its input and output. The CDK builds routes from it, the local server dispatches with it,
 * handlers are typed by it and the OpenAPI document is generated from it. Nothing here touches AWS.
 */
import { z } from 'zod';
import { AssistantInputSchema } from '../core/assistants';
import { ENROLLMENT_STATUSES, STOP_REASONS } from '../core/enrollment';
import {
  ContinueSchema,
  LeadBatchSchema,
  LeadDetailsSchema,
  LeadInputSchema,
  LeadUpdateSchema,
  MAX_START_AHEAD_DAYS,
  RestartSchema,
} from '../core/leads';
import {
  EmailContentSchema,
  MessageCloneSchema,
  MessageInputSchema,
  WhatsAppContentSchema,
} from '../core/messages';
import { OrgSettingsSchema } from '../core/org-settings';
import { isValidTimeZone, PLACEMENT_REASONS } from '../core/send-window';
import {
  CHANNELS,
  CloneInputSchema,
  SEQUENCE_TYPES,
  SequenceInputSchema,
  SequenceReplaceSchema,
  StepShape,
} from '../core/sequences';
import { displayName } from '../core/text';
import { TONES } from '../core/tones';
import { type ErrorCode, ErrorSchema } from './error-response';
import { importOperations } from './imports-contract';

/** The Lambda functions behind the API; each is `lambdas/<name>-api.ts`. */
export const API_FUNCTIONS = [
  'sequences',
  'messages',
  'assistants',
  'org',
  'leads',
  'imports',
  'public',
] as const;
export type ApiFunctionName = (typeof API_FUNCTIONS)[number];

export interface Operation {
  fn: ApiFunctionName;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: `/${string}`;
  summary: string;
  /** Success status. */
  status: 200 | 201 | 202 | 204;
  body?: z.ZodType;
  /** What the body looks like, where `body` leaves parts to be parsed later (the batch's rows, one by one). */
  documentedBody?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
  /** Sends and checks `ETag`/`If-Match` versions. */
  versioned?: boolean;
  /** No JWT: links in e-mails and provider webhooks, which prove themselves otherwise (signatures). */
  public?: true;
  /**
   * The refusals this operation adds to the ones every operation of its kind can answer (see
   * `errorCodesOf` in local/openapi.ts): a 409 or a 422 its use case throws, a 404 without a path id.
   */
  errors?: readonly ErrorCode[];
  /** The body may also be `text/csv` (read by the operation from the raw body). */
  csvBody?: true;
  /** A body limit above the API's usual 256 KB, and what to do past it (said in the 413). */
  maxBody?: { bytes: number; hint: string };
  /** Media type of the body when it is not JSON (the RFC 8058 one-click form). */
  bodyType?: 'application/x-www-form-urlencoded';
  /** Answers an HTML page instead of JSON. */
  html?: true;
  /** Request headers the operation reads, documented as parameters. */
  headers?: z.ZodObject;
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

/** WhatsApp content as stored: the input's sorting transform done, which JSON Schema cannot express. */
const WhatsAppContentViewSchema = WhatsAppContentSchema.extend({
  parameters: z
    .array(z.object({ position: z.number().int().min(1), value: z.string() }))
    .describe('Sorted by position, 1..n'),
});

export const MessageViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(CHANNELS),
    ...audit,
    email: EmailContentSchema.optional(),
    whatsapp: WhatsAppContentViewSchema.optional(),
  })
  .meta({ id: 'Message' });

export const StepDatesPreviewSchema = z.object({
  steps: z
    .array(StepShape.pick({ afterDays: true }).loose())
    .min(1)
    .max(20),
  startAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(`Start of the enrollment; default now; at most ${MAX_START_AHEAD_DAYS} days ahead`),
  timezone: z
    .string()
    .refine(isValidTimeZone, 'Not an IANA time zone, e.g. Europe/Berlin')
    .optional()
    .describe('IANA time zone the dates are counted in; default UTC'),
});

export const SendingViewSchema = z
  .object({
    status: z.enum(['active', 'paused']),
    reason: z.string().optional().describe('Why sending paused: which rate passed which threshold'),
    since: z.iso.datetime().optional().describe('When sending paused, or was last resumed'),
    bounceRate: z.number().describe('Hard bounces over the window’s sends (0.04 = 4 %)'),
    complaintRate: z.number().describe('Complaints over the window’s sends'),
    window: z
      .object({ sends: z.number().int(), bounces: z.number().int(), complaints: z.number().int() })
      .describe(
        'The latest sends the rates are over (since the last resume), with their bounces and complaints',
      ),
  })
  .describe(
    'The sending-reputation guard: paused, due steps are deferred (reason sending_paused) until an admin resumes',
  )
  .meta({ id: 'Sending' });

const ResumedSendingSchema = SendingViewSchema.extend({
  replanned: z
    .number()
    .int()
    .describe(
      'Deferred leads re-planned to the first business moment from now (at most 100 a request; others send at the opening they were deferred to)',
    ),
}).meta({ id: 'ResumedSending' });

export const AssistantViewSchema = z
  .object({
    id: z.string(),
    ...AssistantInputSchema.shape,
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    receiving: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('direct') }),
        z.object({
          mode: z.literal('forwarding'),
          forwardTo: z.email().describe('Set a forwarding rule from the assistant’s mailbox to this address'),
          status: z.enum(['unverified', 'verified']),
          verifiedAt: z.iso.datetime().optional(),
        }),
      ])
      .describe(
        'direct: the address is at the inbound domain; forwarding: replies arrive only once forwarded to forwardTo (verify with POST /assistants/{id}/verify-receiving)',
      ),
    warnings: z.array(z.string()),
    sending: SendingViewSchema.optional().describe('The assistant’s sending state; on GET /assistants/{id}'),
  })
  .meta({ id: 'Assistant' });

export const EnrollmentViewSchema = z.object({
  sequenceId: z.string(),
  sequenceName: z.string(),
  status: z.enum(ENROLLMENT_STATUSES),
  stopReason: z.enum(STOP_REASONS).optional(),
  nextStep: z.number().int().describe('0-based index of the next step to send'),
  nextSendAt: z.iso.datetime().optional().describe('UTC; only while active'),
  nextReasons: z.array(z.enum(PLACEMENT_REASONS)).describe('Why the next send sits where it does'),
});

/** The lead's details as stored: the input's normalizing transforms (lower-cased e-mail, upper-cased country) done. */
const LeadDetailsViewShape = {
  ...LeadDetailsSchema.shape,
  email: z.email().optional().describe('Lower-cased'),
  country: z.string().length(2).optional().describe('ISO 3166-1 alpha-2, upper-cased'),
  customFields: z.record(z.string(), z.string()),
};

export const LeadViewSchema = z
  .object({
    id: z.string(),
    ...LeadDetailsViewShape,
    timezone: z.string(),
    assistantId: z.string(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    enrollment: EnrollmentViewSchema,
    warnings: z.array(z.string()),
  })
  .meta({ id: 'Lead' });

export const TimelineSchema = z.object({
  items: z.array(
    z.object({
      kind: z.string().describe('sent, skipped, failed, or an event such as replied or deferred'),
      at: z.iso.datetime(),
      step: z.number().int().optional(),
      channel: z.enum(CHANNELS).optional(),
      providerMessageId: z.string().optional(),
      reason: z.string().optional(),
      detail: z.record(z.string(), z.unknown()).optional(),
    }),
  ),
  next: z
    .object({
      step: z.number().int(),
      channel: z.enum(CHANNELS),
      at: z.iso.datetime(),
      reasons: z.array(z.enum(PLACEMENT_REASONS)),
    })
    .optional(),
});

export const WhatsAppInputSchema = z.object({
  projectId: z.string().min(1).max(100),
  keyId: z.string().min(1).max(200),
  keySecret: z.string().min(1).max(500),
  appId: z.string().min(1).max(100),
  region: z.enum(['us', 'eu', 'br']),
  webhookSecret: z.string().min(16).max(500).optional().describe('The secret Sinch signs its callbacks with'),
});

export const WhatsAppViewSchema = z.object({
  connected: z.boolean(),
  projectId: z.string().optional(),
  appId: z.string().optional(),
  region: z.enum(['us', 'eu', 'br']).optional(),
  callbackUrl: z.url().optional().describe('Paste into the Sinch app’s webhook settings'),
  webhookVerified: z
    .boolean()
    .optional()
    .describe('Whether a webhook secret is set, so callbacks are verified'),
});

/** Filter ids become key values (gsi1pk `ORG#<org>#SEQ#<id>`): bounded like every other id. */
const LeadListQuerySchema = z.object({
  assistantId: z.string().min(1).max(64).optional(),
  sequenceId: z.string().min(1).max(64).optional(),
  status: z.enum(ENROLLMENT_STATUSES).optional(),
  cursor: z
    .string()
    .max(4096)
    .optional()
    .describe('Opaque; only the cursor a page of this same listing returned (else 400 invalid_cursor)'),
});

/** `?strict=true` on the ways leads are added (POST /leads, /leads/batch, /imports). */
export const StrictQuerySchema = z.object({
  strict: z
    .enum(['true', 'false'])
    .optional()
    .transform((strict) => strict === 'true')
    .describe(
      'true: refuse (422) a lead whose custom steps would be skipped for a placeholder with no value, instead of warning',
    ),
});

const ImpactSchema = z.object({
  estimated: z.boolean().optional().describe('Counts scaled from the first 5,000 active leads read'),
  activeLeads: z.number().int(),
  retimed: z.number().int(),
  completed: z.number().int(),
  unaffected: z.number().int(),
  sample: z.array(
    z.object({
      leadId: z.string(),
      name: z.string(),
      nextStep: z.number().int(),
      oldNextSendAt: z.iso.datetime().optional(),
      newNextSendAt: z.iso.datetime().optional(),
      change: z.enum(['retimed', 'completed', 'unaffected']),
    }),
  ),
});

const PreviewLeadSchema = LeadDetailsSchema.partial().extend({
  firstName: displayName(100),
});
const PreviewAssistantSchema = z.object({
  name: displayName(100),
  email: z.email(),
  signatureHtml: z.string().max(20_000).default(''),
  timezone: z.string().refine(isValidTimeZone, 'Not an IANA time zone').default('UTC'),
  includeFirstEmail: z.boolean().default(true),
});

const EmailPreviewSchema = z
  .object({
    channel: z.literal('email'),
    subject: z.string(),
    html: z.string(),
    text: z.string().describe('The plain-text alternative'),
  })
  .meta({ id: 'EmailPreview' });
const WhatsAppPreviewSchema = z
  .object({
    channel: z.literal('whatsapp'),
    templateName: z.string(),
    languageCode: z.string(),
    parameters: z
      .record(z.string(), z.string())
      .describe('Position (as a string key) to value, as Sinch’s WhatsApp channel template expects'),
  })
  .meta({ id: 'WhatsAppPreview' });

export const MessagePreviewSchema = z
  .discriminatedUnion('channel', [EmailPreviewSchema, WhatsAppPreviewSchema])
  .meta({ id: 'MessagePreview' });

export const StepPreviewSchema = z
  .discriminatedUnion('channel', [
    EmailPreviewSchema.extend({
      from: z.string(),
      to: z.string(),
      cc: z.array(z.string()),
      headers: z
        .array(z.object({ name: z.string(), value: z.string() }))
        .describe('Threading and unsubscribe headers, as sent'),
    }).meta({ id: 'EmailStepPreview' }),
    WhatsAppPreviewSchema.extend({ to: z.string().describe('The lead’s number in E.164') }).meta({
      id: 'WhatsAppStepPreview',
    }),
  ])
  .meta({ id: 'StepPreview' });

const ToneSchema = z
  .object({
    tone: z.enum(TONES),
    label: z.string(),
    description: z.string(),
    sample: z
      .object({ tone: z.enum(TONES), subject: z.string(), html: z.string(), text: z.string() })
      .describe('The second e-mail of a sample sequence, written in this tone for a sample lead'),
  })
  .meta({ id: 'Tone' });

const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

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
    errors: ['conflict'],
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
    errors: ['conflict'],
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
    errors: ['conflict'],
  },
  deleteSequence: {
    fn: 'sequences',
    method: 'DELETE',
    path: '/sequences/{id}',
    summary:
      'Delete a sequence the caller owns; 409 with their count while leads are active on it, unless ?reassignTo=<id> moves them there',
    status: 204,
    query: z.object({ reassignTo: z.string().min(1).max(64).optional() }),
    errors: ['conflict'],
  },
  sequenceImpact: {
    fn: 'sequences',
    method: 'POST',
    path: '/sequences/{id}/impact',
    summary: 'What saving these steps would do to the leads active on the sequence, before saving',
    status: 200,
    body: z.object({ steps: SequenceInputSchema.shape.steps }),
    response: ImpactSchema,
    errors: ['unprocessable'],
  },
  previewSequenceStep: {
    fn: 'sequences',
    method: 'POST',
    path: '/sequences/{id}/steps/{index}/preview',
    summary: 'What step {index} (0-based) would send a lead, threaded under what step 0 would send it',
    status: 200,
    query: z.object({ leadId: z.string().min(1).max(64).optional().describe('Preview for a stored lead') }),
    body: z.object({ lead: PreviewLeadSchema.optional(), assistant: PreviewAssistantSchema.optional() }),
    response: StepPreviewSchema,
    errors: ['unprocessable'],
  },
  previewStepDates: {
    fn: 'sequences',
    method: 'POST',
    path: '/sequences/preview',
    summary: 'The example send date beside each step, as the editor shows it',
    status: 200,
    body: StepDatesPreviewSchema,
    response: itemsOf(z.object({ step: z.number().int(), sendAt: z.iso.datetime() })),
    errors: ['unprocessable'],
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
    errors: ['conflict'],
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
    errors: ['conflict'],
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
    errors: ['conflict'],
  },
  deleteMessage: {
    fn: 'messages',
    method: 'DELETE',
    path: '/messages/{id}',
    summary: 'Delete a custom message the caller owns; refused while a sequence uses it',
    status: 204,
    errors: ['conflict'],
  },
  listTones: {
    fn: 'messages',
    method: 'GET',
    path: '/tones',
    summary: 'The tones generated follow-ups can take, each with a sample for a sample lead',
    status: 200,
    response: itemsOf(ToneSchema),
  },
  previewMessage: {
    fn: 'messages',
    method: 'POST',
    path: '/messages/preview',
    summary: 'Render a stored or unsaved custom message for a lead (a sample lead by default)',
    status: 200,
    body: z
      .object({
        messageId: z.string().min(1).max(64).optional(),
        message: MessageInputSchema.optional(),
        lead: PreviewLeadSchema.optional(),
      })
      .refine((body) => (body.messageId === undefined) !== (body.message === undefined), {
        message: 'Give messageId or message, one of them',
        path: ['messageId'],
      }),
    response: MessagePreviewSchema,
    errors: ['not_found', 'unprocessable'],
  },
  listAssistants: {
    fn: 'assistants',
    method: 'GET',
    path: '/assistants',
    summary: 'List the org’s assistants',
    status: 200,
    response: itemsOf(AssistantViewSchema),
  },
  getAssistant: {
    fn: 'assistants',
    method: 'GET',
    path: '/assistants/{id}',
    summary: 'Get an assistant',
    status: 200,
    response: AssistantViewSchema,
    versioned: true,
  },
  createAssistant: {
    fn: 'assistants',
    method: 'POST',
    path: '/assistants',
    summary: 'Create an assistant (admins)',
    status: 201,
    body: AssistantInputSchema,
    response: AssistantViewSchema,
    versioned: true,
    errors: ['conflict'],
  },
  replaceAssistant: {
    fn: 'assistants',
    method: 'PUT',
    path: '/assistants/{id}',
    summary: 'Replace an assistant (admins); needs If-Match',
    status: 200,
    body: AssistantInputSchema,
    response: AssistantViewSchema,
    versioned: true,
    errors: ['conflict'],
  },
  verifyAssistantReceiving: {
    fn: 'assistants',
    method: 'POST',
    path: '/assistants/{id}/verify-receiving',
    summary:
      'Mail a signed probe to the assistant’s own address (admins); it becomes verified when the probe comes back through its forwarding alias. 409 for an assistant at the inbound domain',
    status: 200,
    response: z.object({ sentTo: z.string(), forwardTo: z.string() }),
    errors: ['conflict'],
  },
  resumeAssistantSending: {
    fn: 'assistants',
    method: 'POST',
    path: '/assistants/{id}/resume-sending',
    summary:
      'Resume an assistant’s sending paused by its bounce or complaint rate (admins); its rates start over, and the steps its pause deferred are re-planned from now',
    status: 200,
    response: ResumedSendingSchema,
  },
  deleteAssistant: {
    fn: 'assistants',
    method: 'DELETE',
    path: '/assistants/{id}',
    summary: 'Delete an assistant (admins)',
    status: 204,
  },
  getOrgSettings: {
    fn: 'org',
    method: 'GET',
    path: '/org/settings',
    summary: 'The org’s name, website, region policy and reputation guard, with the org’s sending state',
    status: 200,
    response: OrgSettingsSchema.extend({ sending: SendingViewSchema }),
    versioned: true,
  },
  putOrgSettings: {
    fn: 'org',
    method: 'PUT',
    path: '/org/settings',
    summary: 'Replace the org’s settings (admins); needs If-Match with the version read',
    status: 200,
    body: OrgSettingsSchema,
    response: OrgSettingsSchema,
    versioned: true,
  },
  resumeOrgSending: {
    fn: 'org',
    method: 'POST',
    path: '/org/resume-sending',
    summary:
      'Resume the org’s sending paused by its bounce or complaint rate (admins); its rates start over, and the steps its pause deferred are re-planned from now',
    status: 200,
    response: ResumedSendingSchema,
  },
  getWhatsApp: {
    fn: 'org',
    method: 'GET',
    path: '/org/whatsapp',
    summary: 'Whether the org’s Sinch account is connected; never the secret',
    status: 200,
    response: WhatsAppViewSchema,
  },
  putWhatsApp: {
    fn: 'org',
    method: 'PUT',
    path: '/org/whatsapp',
    summary: 'Connect the org’s Sinch account (admins); the key secret goes to Secrets Manager',
    status: 200,
    body: WhatsAppInputSchema,
    response: WhatsAppViewSchema,
  },
  listUsers: {
    fn: 'org',
    method: 'GET',
    path: '/users',
    summary: 'The org’s users as the API has seen them, with the e-mail of their token (admins)',
    status: 200,
    response: itemsOf(
      z.object({ userId: z.string(), email: z.string().optional(), role: z.enum(['admin', 'member']) }),
    ),
  },
  unsubscribePage: {
    fn: 'public',
    method: 'GET',
    path: '/unsubscribe/{token}',
    summary: 'The page an unsubscribe link opens: a confirmation button (no change until it is pressed)',
    status: 200,
    public: true,
    errors: ['validation_failed'],
    html: true,
  },
  unsubscribe: {
    fn: 'public',
    method: 'POST',
    path: '/unsubscribe/{token}',
    summary:
      'One-click unsubscribe (RFC 8058): suppresses the address and stops the lead; 400 for a forged token',
    status: 200,
    public: true,
    errors: ['validation_failed'],
    html: true,
    bodyType: 'application/x-www-form-urlencoded',
    documentedBody: z.object({
      'List-Unsubscribe': z
        .literal('One-Click')
        .optional()
        .describe(
          'What mail clients post for RFC 8058 one-click unsubscribe; the page’s button posts nothing',
        ),
    }),
  },
  sinchWebhook: {
    fn: 'public',
    method: 'POST',
    path: '/webhooks/sinch/{orgId}',
    summary: 'Sinch Conversation API callbacks: replies stop the lead, FAILED delivery reports mark the step',
    status: 200,
    public: true,
    errors: ['unauthorized', 'validation_failed'],
    documentedBody: z
      .looseObject({
        app_id: z.string().optional(),
        message: z.looseObject({}).optional().describe('An inbound message (a reply)'),
        message_delivery_report: z.looseObject({}).optional().describe('A delivery report'),
      })
      .describe('A Sinch Conversation API callback, as Sinch posts it'),
    headers: z.object({
      'x-sinch-webhook-signature': z.string().describe('Base64 HMAC-SHA256 of body.nonce.timestamp'),
      'x-sinch-webhook-signature-nonce': z.string(),
      'x-sinch-webhook-signature-timestamp': z.string().describe('Unix seconds; old callbacks are refused'),
    }),
    response: z.object({
      handled: z.string().describe('What the callback did, e.g. reply, delivery_failed or ignored'),
      leads: z.number().int().optional(),
    }),
  },
  createLead: {
    fn: 'leads',
    method: 'POST',
    path: '/leads',
    summary:
      'Add a lead on a sequence (default: the assistant’s); answers its enrollment and next send, with a warning naming each custom step (and field) that would be skipped for it; ?strict=true answers 422 instead',
    status: 201,
    query: StrictQuerySchema,
    body: LeadInputSchema,
    response: LeadViewSchema,
    errors: ['conflict', 'address_suppressed', 'unprocessable'],
    versioned: true,
  },
  createLeads: {
    fn: 'leads',
    method: 'POST',
    path: '/leads/batch',
    summary:
      'Add up to 500 leads; each row gets its own result (with warnings as POST /leads; ?strict=true makes them a 422 row). Rows the request could not start in time (or after a throttled row) answer status 503 with error code not_attempted: nothing of them was stored, send them again',
    status: 200,
    query: StrictQuerySchema,
    body: LeadBatchSchema,
    documentedBody: z.object({ leads: z.array(LeadInputSchema).min(1).max(500) }),
    response: itemsOf(
      z.object({
        index: z.number().int(),
        status: z.number().int(),
        lead: LeadViewSchema.optional(),
        error: z
          .union([
            ErrorSchema,
            z.object({
              code: z.enum(['throttled', 'not_attempted']),
              message: z.string().describe('Nothing of the row was stored: send it again'),
            }),
          ])
          .optional(),
      }),
    ),
  },
  listLeads: {
    fn: 'leads',
    method: 'GET',
    path: '/leads',
    summary:
      'A page of the org’s leads; pass the returned cursor, with the same filters, for the next (else 400 invalid_cursor)',
    status: 200,
    query: LeadListQuerySchema,
    response: z.object({ items: z.array(LeadViewSchema), cursor: z.string().optional() }),
    errors: ['invalid_cursor'],
  },
  getLead: {
    fn: 'leads',
    method: 'GET',
    path: '/leads/{id}',
    summary: 'Get a lead with its enrollment',
    status: 200,
    response: LeadViewSchema,
    versioned: true,
  },
  updateLead: {
    fn: 'leads',
    method: 'PUT',
    path: '/leads/{id}',
    summary:
      'Replace a lead’s details (needs If-Match with the version read); a new sequenceId moves it there from the first step',
    status: 200,
    body: LeadUpdateSchema,
    response: LeadViewSchema,
    errors: ['conflict', 'address_suppressed', 'unprocessable'],
    versioned: true,
  },
  deleteLead: {
    fn: 'leads',
    method: 'DELETE',
    path: '/leads/{id}',
    summary: 'Delete a lead and cancel its pending step',
    status: 204,
  },
  stopLead: {
    fn: 'leads',
    method: 'POST',
    path: '/leads/{id}/stop',
    summary: 'Stop the lead’s follow-up',
    status: 200,
    response: LeadViewSchema,
    errors: ['conflict'],
  },
  continueLead: {
    fn: 'leads',
    method: 'POST',
    path: '/leads/{id}/continue',
    summary:
      'Continue from the next unsent step (also for finished leads, to reach steps added later); 409 address_suppressed for a suppressed address, 422 when an enforced region policy refuses the sequence as it is now',
    status: 200,
    body: ContinueSchema,
    response: LeadViewSchema,
    errors: ['conflict', 'address_suppressed', 'unprocessable'],
  },
  restartLead: {
    fn: 'leads',
    method: 'POST',
    path: '/leads/{id}/restart',
    summary:
      'Restart from the first step, optionally on another sequence; 409 address_suppressed for a suppressed address, 422 when an enforced region policy refuses the sequence',
    status: 200,
    body: RestartSchema,
    response: LeadViewSchema,
    errors: ['conflict', 'address_suppressed', 'unprocessable'],
  },
  leadTimeline: {
    fn: 'leads',
    method: 'GET',
    path: '/leads/{id}/timeline',
    summary: 'Every sent, skipped and failed step, events, and the planned next step with why it sits there',
    status: 200,
    response: TimelineSchema,
  },
  ...importOperations,
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof operations;
export type OperationsOf<F extends ApiFunctionName> = {
  [K in OperationId]: (typeof operations)[K]['fn'] extends F ? K : never;
}[OperationId];

/** The API Gateway route key of an operation, e.g. `GET /sequences/{id}`. */
export const routeKey = (operation: Operation) => `${operation.method} ${operation.path}`;
