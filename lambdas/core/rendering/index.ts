/**
 * Rendering: turns a sequence step, a lead and its assistant into the e-mail or WhatsApp template
 * message to send. Pure: no AWS, no I/O. The send engine calls `renderEmailStep`/`renderWhatsAppStep`;
 * preview endpoints call `previewThread`, `sampleFor` and `TONE_CATALOGUE`.
 */
export {
  type FollowupRequest,
  type FollowupWriter,
  type GeneratedMessage,
  toneBankWriter,
  variantNeeds,
} from './followup-writer';
export {
  escapeHtml,
  MissingFieldsError,
  personalizeHtml,
  personalizeText,
  placeholderValue,
  type RenderContext,
} from './personalize';
export { htmlToPlainText } from './plain-text';
export {
  type AssistantProfile,
  type LeadProfile,
  type OrgProfile,
  SAMPLE_ASSISTANT,
  SAMPLE_LEAD,
  SAMPLE_ORG,
} from './profiles';
export {
  formatAddress,
  messagePosition,
  type PreviewThreadInput,
  previewMessageId,
  previewThread,
  type RenderEmailInput,
  type RenderedEmail,
  renderEmailStep,
  SAMPLE_USER_EMAIL,
  type SequenceRef,
  senderLabel,
  type UnsubscribeLinks,
  type UserEmail,
} from './render-email';
export { sanitizeEmailHtml } from './sanitize';
export {
  assertSesHeaders,
  type EmailHeader,
  type EmailThread,
  type FirstEmail,
  isMessageId,
  MAX_SES_HEADER_VALUE,
  replySubject,
  SES_ALLOWED_HEADERS,
} from './threading';
export { type MessagePosition, TONE_BANK } from './tone-bank';
export { sampleFor, TONE_CATALOGUE, type ToneInfo, type ToneSample } from './tone-catalogue';
export {
  isE164,
  type RenderedTemplate,
  type RenderedWhatsApp,
  type RenderWhatsAppInput,
  renderWhatsAppStep,
  renderWhatsAppTemplate,
  toE164,
} from './whatsapp';
