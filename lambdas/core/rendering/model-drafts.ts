/**
 * What a model is asked to write a generated step with, and how its answer becomes a message (issue
 * #26): the instructions (tone, position, language, formality, limits) as system text; what it may say
 * (the org's offering, the lead's fields and context, the thread so far) as the user message; and one
 * tool it must call with `{subject, body}`, plain text that the renderer turns into escaped paragraphs.
 * The adapter (adapters/bedrock-followup-writer.ts) sends it; the guardrails (draft-guardrails.ts) judge
 * the answer. Pure, so the prompt is tested as text.
 */
import * as z from 'zod/mini';
import { lazy } from '../lazy';
import { WRITER_TOOL_INPUT_SCHEMA } from '../tool-input-schemas';
import type { DraftBrief } from './draft-brief';
import {
  checkDraft,
  type DraftExpectations,
  type DraftText,
  type GuardrailFailure,
  MAX_BODY_WORDS,
  MAX_SUBJECT_CHARACTERS,
} from './draft-guardrails';
import type { FollowupRequest, FollowupWriter, GeneratedMessage } from './followup-writer';
import { escapeHtml } from './personalize';
import { sanitizeEmailHtml } from './sanitize';
import type { WriterRecord } from './writer-record';

export type { FallbackReason, WriterRecord } from './writer-record';

export const WRITER_TOOL_NAME = 'write_followup';
export const WRITER_TOOL_DESCRIPTION =
  'Hands over the e-mail you wrote: its subject line and its body as plain text.';
/** Longer earlier e-mails are cut: the model needs their gist, not every word. */
const MAX_EARLIER_CHARACTERS = 2000;

/** What the lead has been sent so far in this run, and what it last answered, if it did. */
export interface ThreadSoFar {
  /** Our earlier e-mails of the run, oldest first, as plain text. */
  earlier: readonly { stepIndex: number; subject?: string; text: string; sentAt?: string }[];
  /**
   * The lead's last reply as the engine kept it: when, on which channel and what it was read as. The
   * reply's own text is not kept on the lead (personal data stays with the raw mail), so a model knows
   * that the lead answered and how, not the words.
   */
  lastReply?: { at: string; channel: string; intent: string };
}

export type ModelRequest = FollowupRequest & { language: string; thread: ThreadSoFar };

/** Asks a model for a draft (adapters/bedrock-followup-writer.ts); throws when it gives none in time. */
export type DraftModel = (request: ModelRequest) => Promise<DraftText>;

/** A draft the guardrails refused; its reason is what the send records. */
export class DraftRefusedError extends Error {
  override readonly name = 'DraftRefusedError';
  constructor(readonly reason: GuardrailFailure) {
    super(`The draft was refused: ${reason}`);
  }
}

/**
 * The model-backed writer: asks `model`, holds the answer to the guardrails, and answers it as a
 * message; a refused draft throws DraftRefusedError, and the caller sends the bank's text instead.
 */
export function modelWriter(model: DraftModel): FollowupWriter<Promise<GeneratedMessage>> {
  return {
    kind: 'bedrock',
    async write(request) {
      const asked: ModelRequest = {
        ...request,
        language: request.language ?? 'en',
        thread: request.thread ?? { earlier: [] },
      };
      const draft = await model(asked);
      const refused = checkDraft(draft, expectationsOf(asked));
      if (refused) throw new DraftRefusedError(refused);
      return draftMessage(draft, 'model');
    },
  };
}

/** What the guardrails hold a draft for this request to. */
export function expectationsOf(request: ModelRequest): DraftExpectations {
  const { offering, website } = request.org;
  return {
    tone: request.tone,
    position: request.position,
    lead: request.lead,
    language: request.language,
    givenTexts: [
      ...(offering ? [offering.summary, offering.valueProposition, offering.callToAction] : []),
      ...(website ? [website] : []),
    ],
    assistantEmail: request.assistant.email,
  };
}

const POSITION_BRIEF: Record<FollowupRequest['position'], string> = {
  first:
    'the first e-mail to this lead: it opens the conversation, says who is writing and why, and what the org offers if an offering is given',
  followup:
    'a follow-up that replies in the thread of our earlier e-mails (the lead has not answered them): short, adds one new angle, never repeats the first e-mail',
  last: 'the last follow-up of the sequence: a short, polite close that leaves the door open, no pressure',
};

const TONE_BRIEF: Record<FollowupRequest['tone'], string> = {
  candid: 'candid: direct and honest, no fluff',
  gentle: 'gentle: soft, considerate, low pressure',
  appreciative: 'appreciative: thankful for the lead’s time and attention',
  hopeful: 'hopeful: optimistic about what could come of it',
  assertive: 'assertive: confident and clear about the next step',
  cautionary: 'cautionary: points out what the lead risks by waiting, without alarmism',
  curious: 'curious: asks a genuine question about the lead’s situation',
};

/** Built on first use, as core/languages.ts's: the runtime's language names cost a cold start ~20 ms. */
const languageNames = lazy(() => new Intl.DisplayNames(['en'], { type: 'language' }));

/** The system text: what to write, in which tone, language and length, and what never to do. */
export function writerInstructions(request: ModelRequest): string {
  const maxWords = MAX_BODY_WORDS[request.position][request.tone];
  const language = `${languageNames().of(request.language) ?? request.language} (${request.language})`;
  const register =
    request.formality === 'informal'
      ? 'Address the lead informally (du, tu, tú, tu, je, você where the language distinguishes).'
      : 'Address the lead formally (Sie, vous, usted, Lei, u, o senhor/a senhora where the language distinguishes).';
  return [
    `You write one sales follow-up e-mail on behalf of ${request.assistant.name}${request.org.name ? ` of ${request.org.name}` : ''}.`,
    `It is ${POSITION_BRIEF[request.position]}.`,
    `Tone: ${TONE_BRIEF[request.tone]}.`,
    `Write in ${language}, natural and idiomatic as a native speaker writes business e-mail. ${register}`,
    `The body: a greeting line (by the lead's first name, or none), short paragraphs apart by a blank line, and a closing line such as "Best,". No signature: it is added after. At most ${maxWords} words; shorter is better.`,
    `The subject: at most ${MAX_SUBJECT_CHARACTERS} characters${request.position === 'first' ? '' : ' (follow-ups keep the thread’s subject; give one anyway)'}.`,
    'Use only facts given below. Never invent links, phone numbers, e-mail addresses, prices, figures, names or events; a link or number may appear only as given in the offering.',
    'Do not quote or paste earlier e-mails, and write no "On … wrote:" lines: the thread is quoted below your text automatically.',
    'No placeholders or brackets to fill in: write the final text.',
    `Answer only by calling the tool ${WRITER_TOOL_NAME}.`,
  ].join('\n');
}

/** The user message: the org's offering, the lead's fields and context, and the thread so far. */
export function writerContext(request: ModelRequest): string {
  const { lead, org, thread } = request;
  const fields: [string, string | undefined][] = [
    ['First name', lead.firstName],
    ['Last name', lead.lastName],
    ['Company', lead.company],
    ['Role', lead.designation],
    ['Industry', lead.industry],
    ['Country', lead.country],
    ...Object.entries(lead.customFields ?? {}).map(([key, value]): [string, string] => [key, value]),
  ];
  const sections = [
    section('The org', [
      org.name && `Name: ${org.name}`,
      org.website && `Website: ${org.website}`,
      org.offering && `What it offers: ${org.offering.summary}`,
      org.offering && `Why it matters: ${org.offering.valueProposition}`,
      org.offering && `What to ask for: ${org.offering.callToAction}`,
    ]),
    section(
      'The lead',
      fields.map(([name, value]) => value && `${name}: ${value}`),
    ),
    section('Why we contact this lead', [lead.context]),
    section(
      'Referred by',
      lead.referrer ? [[lead.referrer.firstName, lead.referrer.lastName].filter(Boolean).join(' ')] : [],
    ),
    section(
      'Our earlier e-mails in this thread, oldest first',
      thread.earlier.map((email) =>
        [
          `E-mail ${email.stepIndex + 1}${email.sentAt ? ` (sent ${email.sentAt})` : ''}:`,
          email.subject && `Subject: ${email.subject}`,
          email.text.slice(0, MAX_EARLIER_CHARACTERS),
        ]
          .filter(Boolean)
          .join('\n'),
      ),
    ),
    section(
      'The lead’s last reply',
      thread.lastReply
        ? [`On ${thread.lastReply.at} by ${thread.lastReply.channel}, read as: ${thread.lastReply.intent}`]
        : ['None: the lead has not replied.'],
    ),
    `Write e-mail ${request.stepIndex + 1} of the sequence now.`,
  ];
  return sections.filter((part) => part !== '').join('\n\n');
}

function section(title: string, lines: readonly (string | false | undefined)[]): string {
  const kept = lines.filter((line): line is string => typeof line === 'string' && line.trim() !== '');
  return kept.length === 0 ? '' : `## ${title}\n${kept.join('\n')}`;
}

/** The tool answer as the model must give it; written out as JSON Schema in core/tool-input-schemas.ts. */
export const draftAnswerSchema = lazy(() =>
  z.object({
    subject: z.string().check(z.maxLength(500), z.describe('The subject line, plain text')),
    body: z
      .string()
      .check(
        z.maxLength(10_000),
        z.describe('The body as plain text: greeting line, paragraphs apart by a blank line, closing line'),
      ),
  }),
);

/** The tool's input schema, as JSON Schema: draftAnswerSchema written out (core/tool-input-schemas.ts). */
export const writerToolInputSchema = (): Record<string, unknown> => WRITER_TOOL_INPUT_SCHEMA;

/** Raised for a tool answer that does not fit its schema; names fields, never the text. */
export class InvalidDraftAnswerError extends Error {
  override readonly name = 'InvalidDraftAnswerError';
}

export function readDraftAnswer(input: unknown): DraftText {
  const parsed = draftAnswerSchema().safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(answer)'))];
    throw new InvalidDraftAnswerError(`The tool answer does not fit its schema at ${fields.join(', ')}`);
  }
  // Line ends as any platform writes them; the guardrails and paragraphs read \n.
  return {
    subject: parsed.data.subject.replace(/\s+/g, ' ').trim(),
    body: parsed.data.body.replace(/\r\n?/g, '\n').trim(),
  };
}

/**
 * A draft as the renderer takes a generated message: the body's paragraphs escaped into `<p>`s (lines
 * within one kept with `<br>`), then sanitized like a custom message; the subject as plain text.
 */
export function draftMessage(draft: DraftText, variantId: string): GeneratedMessage {
  const html = draft.body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br>')}</p>`)
    .join('\n');
  return { variantId, subject: draft.subject, html: sanitizeEmailHtml(html) };
}

/**
 * A generated step's text as written once for a step of a run, reused by retries and previews while the
 * step asks for what it was written for.
 */
export interface StepDraft {
  runId: string;
  stepIndex: number;
  /** What it was written for (draft-brief.ts); absent on a draft kept before it was recorded, never reused. */
  writtenFor?: DraftBrief;
  message: GeneratedMessage;
  writer: WriterRecord;
  /** When it was written (ISO 8601). */
  at: string;
}
