/**
 * The e-mail a sequence step sends, ready for SES Simple content: addresses, subject, HTML and its
 * plain-text alternative, and the threading and unsubscribe headers. The first e-mail of a standard
 * sequence opens the thread; every later e-mail replies in it and quotes the first one. Also the
 * preview of step N threaded under the first e-mail step 0 would send the same lead.
 */
import type { ApprovalText } from '../approvals';
import { UnprocessableError } from '../errors';
import { type LeadWriting, writtenLanguage } from '../languages';
import type { CustomMessage } from '../messages';
import type { MessageStep, SequenceType } from '../sequences';
import { bodyLanguage, emailInLanguage } from '../translations';
import { type DraftBrief, draftBriefOf, fitsBrief } from './draft-brief';
import {
  type FollowupRequest,
  type FollowupWriter,
  type GeneratedMessage,
  toneBankWriter,
} from './followup-writer';
import {
  assertFilled,
  escapeHtml,
  type FilledTemplate,
  fillPlaceholders,
  type RenderContext,
} from './personalize';
import { htmlToPlainText } from './plain-text';
import type { AssistantProfile, LeadProfile, OrgProfile } from './profiles';
import { displayZone, quotedEmailHtml } from './quoting';
import { sanitizeEmailHtml } from './sanitize';
import {
  assertSesHeaders,
  type EmailHeader,
  type EmailThread,
  replyHeaders,
  replySubject,
} from './threading';
import type { MessagePosition } from './tone-bank';
import { unsubscribeFooter as footerWords } from './unsubscribe-footer';

export interface SequenceRef {
  id: string;
  type: SequenceType;
  stepCount: number;
}

/** Where a lead unsubscribes: a one-click HTTPS endpoint (RFC 8058) and a mailbox. */
export interface UnsubscribeLinks {
  url: string;
  /** `mailto:unsubscribe@...` or just the address. */
  mailto: string;
}

export interface RenderEmailInput {
  lead: LeadProfile;
  org: OrgProfile;
  assistant: AssistantProfile;
  sequence: SequenceRef;
  stepIndex: number;
  step: MessageStep;
  /** The message a custom step names. */
  customMessage?: CustomMessage;
  /**
   * The thread this e-mail replies in. Absent, the e-mail opens a new thread, which only the first
   * e-mail of a standard sequence does; an Email CC sequence always replies under the user's e-mail.
   */
  thread?: EmailThread;
  /** Writes generated steps; the tone bank by default. */
  writer?: FollowupWriter<GeneratedMessage>;
  /** A generated step's message written beforehand (a model's draft kept for the step): used as is. */
  draft?: GeneratedMessage;
  /**
   * The text a person approved for this step (core/approvals.ts): sent instead of the step's message,
   * its placeholders filled and its HTML sanitized as a custom message's are.
   */
  approved?: ApprovalText;
  unsubscribe?: UnsubscribeLinks;
  /**
   * The lead's language (BCP 47) and the org's register; English and formal when absent. A generated
   * message is written in its bank's language (English where there is none), a custom message sends
   * its translation closest to the lead's language (else its own text); the quote line and the footer
   * follow the body (emailLanguage), dates in the lead's locale where it reads that language.
   */
  writing?: LeadWriting;
}

export interface RenderedEmail {
  from: string;
  to: string;
  cc: string[];
  subject: string;
  html: string;
  text: string;
  /** Only headers SES accepts on Simple content (`SES_ALLOWED_HEADERS`). */
  headers: EmailHeader[];
  /** The e-mail opens its thread: its subject and SES Message-ID become the thread's root. */
  opensThread: boolean;
  /** The tone variant a generated message came from; absent for custom messages. */
  variantId?: string;
  /** The custom message's translation sent (its BCP 47 tag); absent when its own text is. */
  translation?: string;
  /** What follow-ups quote as the first e-mail: message and signature, no footer, no quote. */
  quotableHtml: string;
  /** The language the e-mail's quote line and footer are written in, its body's bank (`de`, `en`): emailLanguage. */
  language: string;
  /** The body's language has no bank: generated text, quote line and footer are English. */
  languageFallback: boolean;
  /** The message alone, placeholders filled and sanitized: what a reviewer approves or edits. */
  messageHtml: string;
}

const FOOTER_STYLE = 'font-size:12px;color:#6b7280';

/** The bank's language an e-mail is written in, and the locale its dates are shown in. */
export interface Written {
  language: string;
  /** The body's language has no bank: the e-mail is written in English around it. */
  fallback: boolean;
  /** The lead's own tag where it reads the written language (`fr-CA` dates for a fr-CA lead), else the body's. */
  locale: string;
  formality: LeadWriting['formality'];
}

/** English and formal for a caller that does not say. */
const ENGLISH_FORMAL: LeadWriting = { language: 'en', formality: 'formal' };

/**
 * One written language per e-mail: the language of the body it sends. A generated body is written in
 * the lead's language; a custom message's in the translation picked for the lead, else in the
 * message's own language (the org's defaultLanguage). The quote line, the footer and the unsubscribe
 * page its link opens follow it where it has a bank, else they are English: a German lead whose
 * message has no German translation reads English around the English text, and a Polish translation
 * goes with an English footer (the message's write warned: translation_without_bank).
 */
export function emailLanguage(input: Pick<RenderEmailInput, 'step' | 'customMessage' | 'writing'>): Written {
  const writing = input.writing ?? ENGLISH_FORMAL;
  // An approved text's `writing` is the one it was drafted in (engine/channels/email.ts).
  const body =
    input.step.messageType === 'custom'
      ? bodyLanguage(input.customMessage?.email, writing.language, writing.messageLanguage)
      : writing.language;
  const written = writtenLanguage(body);
  const readerLanguage = new Intl.Locale(writing.language).language;
  // Dates as the lead writes them where it reads the language (fr-CA under a fr text), else the body's.
  const locale = written.fallback
    ? written.language
    : readerLanguage === written.language
      ? writing.language
      : body;
  return { ...written, locale, formality: writing.formality };
}

export function renderEmailStep(input: RenderEmailInput): RenderedEmail {
  const { lead, org, assistant, thread } = input;
  assertRenderable(input);
  const written = emailLanguage(input);
  const context: RenderContext = { lead, org, assistant };
  const content = messageContent(input);

  const subject: FilledTemplate =
    thread === undefined
      ? fillPlaceholders(content.subject, context, 'text')
      : { text: replySubject(thread.rootSubject), missing: [] };
  const body = fillPlaceholders(content.html, context, 'html');
  const to = lead.email?.trim() ?? '';
  assertFilled(subject, body, { text: to, missing: to === '' ? ['lead.email'] : [] });
  const subjectLine = headerText(subject.text);
  if (subjectLine === '') throw new UnprocessableError('The e-mail has an empty subject');

  const signature = sanitizeEmailHtml(assistant.signatureHtml) || `<p>${escapeHtml(assistant.name)}</p>`;
  const messageHtml = sanitizeEmailHtml(body.text);
  const quotableHtml = `${messageHtml}\n<div>${signature}</div>`;
  const footer = input.unsubscribe === undefined ? '' : unsubscribeFooter(input.unsubscribe, written);
  const quote =
    thread?.firstEmail !== undefined && assistant.includeFirstEmail
      ? quotedEmailHtml(thread.firstEmail, displayZone(lead.timezone, assistant.timezone), written.locale)
      : '';
  const html = [quotableHtml, footer, quote].filter((part) => part !== '').join('\n');

  const headers = [
    ...(thread === undefined ? [] : replyHeaders(thread)),
    ...(input.unsubscribe === undefined ? [] : unsubscribeHeaders(input.unsubscribe)),
  ];
  assertSesHeaders(headers);

  const rendered: RenderedEmail = {
    from: formatAddress(assistant.name, assistant.email),
    to: formatAddress([lead.firstName, lead.lastName].join(' '), to),
    cc: thread === undefined ? [] : carbonCopies(thread.cc ?? [], [to, assistant.email]),
    subject: subjectLine,
    html,
    text: htmlToPlainText(html),
    headers,
    opensThread: thread === undefined,
    quotableHtml,
    language: written.language,
    languageFallback: written.fallback,
    messageHtml,
  };
  return {
    ...rendered,
    ...(content.variantId !== undefined && { variantId: content.variantId }),
    ...(content.translation !== undefined && { translation: content.translation }),
  };
}

function assertRenderable({ sequence, stepIndex, step, thread }: RenderEmailInput): void {
  if (!Number.isInteger(stepIndex) || stepIndex < 0 || stepIndex >= sequence.stepCount) {
    throw new UnprocessableError(`Step ${stepIndex} is not a step of a ${sequence.stepCount}-step sequence`);
  }
  if (step.channel !== 'email')
    throw new UnprocessableError(`Step ${stepIndex} sends ${step.channel}, not e-mail`);
  if (sequence.type === 'email_cc') {
    if (stepIndex === 0) {
      throw new UnprocessableError(
        "Step 0 of an Email CC sequence is the user's own e-mail and is never sent",
      );
    }
    if (thread === undefined) {
      throw new UnprocessableError(
        "An Email CC follow-up replies under the user's e-mail: the thread is required",
      );
    }
  }
}

/** The position a generated message is written for. */
export function messagePosition(stepIndex: number, stepCount: number, opensThread: boolean): MessagePosition {
  if (opensThread) return 'first';
  return stepIndex === stepCount - 1 ? 'last' : 'followup';
}

interface MessageTemplates {
  subject: string;
  html: string;
  variantId?: string;
  translation?: string;
}

/**
 * The subject and body templates for the step: a custom message's in the lead's language when it has
 * that translation. A custom message's subject (its own or its translation's) is used only when the
 * e-mail opens the thread; replies keep the thread's subject.
 */
function messageContent(input: RenderEmailInput): MessageTemplates {
  const { step, stepIndex, thread, customMessage, approved } = input;
  if (approved) return { subject: approved.subject, html: approved.body };
  if (step.messageType === 'custom') {
    if (customMessage === undefined || customMessage.id !== step.messageId) {
      throw new UnprocessableError(
        `Step ${stepIndex} needs its custom message ${step.messageId ?? ''}`.trim(),
      );
    }
    if (customMessage.email === undefined) {
      throw new UnprocessableError(`Message ${customMessage.id} has no e-mail content`);
    }
    return emailInLanguage(customMessage.email, input.writing?.language);
  }
  if (step.tone === undefined) throw new UnprocessableError(`Generated step ${stepIndex} has no tone`);
  const generated = input.draft ?? (input.writer ?? toneBankWriter).write(followupRequestOf(input));
  if (thread === undefined && generated.subject === undefined) {
    throw new UnprocessableError(`The writer gave the opening e-mail (${generated.variantId}) no subject`);
  }
  return { subject: generated.subject ?? '', html: generated.html, variantId: generated.variantId };
}

/** What a writer is asked for a generated step (the engine asks a model with the same request). */
export function followupRequestOf(input: RenderEmailInput): FollowupRequest {
  const { step, stepIndex, sequence, thread } = input;
  const written = emailLanguage(input);
  if (step.tone === undefined) throw new UnprocessableError(`Generated step ${stepIndex} has no tone`);
  return {
    tone: step.tone,
    position: messagePosition(stepIndex, sequence.stepCount, thread === undefined),
    sequenceType: sequence.type,
    lead: input.lead,
    org: input.org,
    assistant: input.assistant,
    sequenceId: sequence.id,
    stepIndex,
    language: written.language,
    formality: written.formality,
  };
}

function unsubscribeHeaders({ url, mailto }: UnsubscribeLinks): EmailHeader[] {
  // RFC 8058 wants https; plain http is allowed for the local stack's own address only.
  if (!/^(?:https:\/\/|http:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?\/)[^\s<>]+$/i.test(url)) {
    throw new UnprocessableError('One-click unsubscribe needs an https URL without spaces (RFC 8058)');
  }
  const mailtoUri = /^mailto:/i.test(mailto) ? mailto : `mailto:${mailto}`;
  return [
    { name: 'List-Unsubscribe', value: `<${mailtoUri}>, <${url}>` },
    { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
  ];
}

function unsubscribeFooter({ url }: UnsubscribeLinks, { language, formality }: Written): string {
  // Our own words, in no need of escaping (an apostrophe stays one, as mail clients quote it back).
  const words = footerWords(language, formality);
  return `<p style="${FOOTER_STYLE}">${words.lead} <a href="${escapeHtml(url)}">${words.link}</a>.</p>`;
}

/** `"Display Name" <address>`; non-ASCII names as RFC 2047 encoded words, which SES requires. */
export function formatAddress(name: string, email: string): string {
  const display = headerText(name);
  if (display === '') return email;
  if (/^[ -~]+$/.test(display)) return `"${display.replace(/[\\"]/g, '\\$&')}" <${email}>`;
  return `${encodedWords(display)} <${email}>`;
}

/**
 * Text bound for a header (Subject, display names) from lead, assistant or message fields: control
 * characters and line or paragraph separators become spaces (no header injection, no NUL), bidi
 * overrides and isolates go (no reversed-text spoofing), lone surrogates become U+FFFD, and white
 * space collapses. The API refuses such names already; this keeps stored or inbound text safe too.
 */
export function headerText(text: string): string {
  return text
    .toWellFormed()
    .replace(/[\p{Cc}\p{Zl}\p{Zp}]+/gu, ' ')
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Base64 encoded words of at most 75 characters each, split between characters. */
function encodedWords(text: string): string {
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word).toString('base64')}?=`).join(' ');
}

/** How a follow-up's quote line names the sender: `Maya Chen <maya@contoso.example>`. */
export function senderLabel(name: string, email: string): string {
  const display = headerText(name);
  return display === '' ? email : `${display} <${email}>`;
}

/** The root e-mail's other recipients, each once, without the lead or the assistant. */
function carbonCopies(recipients: readonly string[], exclude: readonly string[]): string[] {
  const seen = new Set(exclude.map((address) => address.trim().toLowerCase()));
  const kept: string[] = [];
  for (const recipient of recipients) {
    const address = (/<([^<>]+)>\s*$/.exec(recipient)?.[1] ?? recipient).trim().toLowerCase();
    if (address === '' || seen.has(address)) continue;
    seen.add(address);
    kept.push(recipient.trim());
  }
  return kept;
}

/** The user's own e-mail an Email CC thread hangs under. */
export interface UserEmail {
  subject: string;
  html: string;
  /** As the quote line names it, e.g. `Sam Lee <sam@contoso.example>`. */
  sender: string;
  /** Its other recipients, kept on CC. */
  cc?: string[];
}

/** Stands in for the user's e-mail when an Email CC sequence is previewed without one. */
export const SAMPLE_USER_EMAIL: UserEmail = {
  subject: 'Introduction',
  html: '<p>(The e-mail you sent the lead, with the assistant on CC, is quoted here.)</p>',
  sender: 'You',
};

/** The Message-ID a preview pretends step `stepIndex` was sent with. */
export function previewMessageId(stepIndex: number): string {
  return `<preview-step-${stepIndex}@email.amazonses.com>`;
}

/** A kept draft as a preview reads it (core/rendering/model-drafts.ts's StepDraft). */
export interface WrittenStep {
  message: GeneratedMessage;
  writtenFor?: DraftBrief;
}

export interface PreviewThreadInput
  extends Omit<RenderEmailInput, 'sequence' | 'step' | 'customMessage' | 'thread'> {
  sequence: { id: string; type: SequenceType; steps: readonly MessageStep[] };
  /** The custom messages the sequence's steps name (at least those of the first e-mail and step N). */
  customMessages?: ReadonlyMap<string, CustomMessage>;
  /** When the first e-mail is taken to have been sent (ISO 8601); shown in the quote line. */
  firstSentAt: string;
  /** Email CC only: the user's e-mail the thread hangs under; `SAMPLE_USER_EMAIL` when absent. */
  userEmail?: UserEmail;
  /**
   * Generated steps' messages written already (a model's drafts kept for the lead's run), by step, with
   * what each was written for: one is shown only where the step, as previewed, asks for the same.
   */
  writtenSteps?: ReadonlyMap<number, WrittenStep>;
}

/**
 * Renders step `stepIndex` as the lead would receive it: threaded under the first e-mail the sequence
 * would send the same lead (its subject, its HTML quoted, preview Message-IDs for the e-mails between).
 */
export function previewThread(input: PreviewThreadInput): RenderedEmail {
  const { sequence, stepIndex, customMessages, firstSentAt, userEmail, writtenSteps, ...common } = input;
  const steps = sequence.steps;
  const renderAt = (index: number, thread?: EmailThread): RenderedEmail => {
    const step = steps[index];
    if (step === undefined) {
      throw new UnprocessableError(`Step ${index} is not a step of a ${steps.length}-step sequence`);
    }
    const customMessage = step.messageId === undefined ? undefined : customMessages?.get(step.messageId);
    const input: RenderEmailInput = {
      ...common,
      sequence: { id: sequence.id, type: sequence.type, stepCount: steps.length },
      stepIndex: index,
      step,
      ...(customMessage === undefined ? {} : { customMessage }),
      ...(thread === undefined ? {} : { thread }),
    };
    const kept = step.messageType === 'generated' ? writtenSteps?.get(index) : undefined;
    const fits = kept && fitsBrief(kept.writtenFor, draftBriefOf(followupRequestOf(input)));
    return renderEmailStep(fits ? { ...input, draft: kept.message } : input);
  };
  const emailIdsBetween = (from: number, to: number): string[] =>
    steps.flatMap((step, index) =>
      index >= from && index < to && step.channel === 'email' ? [previewMessageId(index)] : [],
    );

  if (sequence.type === 'email_cc') {
    const root = userEmail ?? SAMPLE_USER_EMAIL;
    return renderAt(stepIndex, {
      rootSubject: root.subject,
      rootMessageId: previewMessageId(0),
      laterMessageIds: emailIdsBetween(1, stepIndex),
      firstEmail: { html: root.html, sentAt: firstSentAt, sender: root.sender },
      ...(root.cc === undefined ? {} : { cc: root.cc }),
    });
  }
  const first = steps.findIndex((step) => step.channel === 'email');
  if (first === -1 || stepIndex <= first) return renderAt(stepIndex);
  const opening = renderAt(first);
  return renderAt(stepIndex, {
    rootSubject: opening.subject,
    rootMessageId: previewMessageId(first),
    laterMessageIds: emailIdsBetween(first + 1, stepIndex),
    firstEmail: {
      html: opening.quotableHtml,
      sentAt: firstSentAt,
      sender: senderLabel(common.assistant.name, common.assistant.email),
    },
  });
}
