/**
 * WhatsApp steps: a custom message names a template approved in the Sinch dashboard; its positional
 * parameters are personalized into the `{"1": "...", "2": "..."}` map a Sinch template message
 * carries, and the lead's phone number is checked to be E.164.
 */
import { UnprocessableError } from '../errors';
import type { CustomMessage, WhatsAppContent } from '../messages';
import { findPlaceholders } from '../placeholders';
import type { MessageStep } from '../sequences';
import { templateLanguageCode } from '../translations';
import { fillPlaceholders, MissingFieldsError, type RenderContext } from './personalize';

export interface RenderedTemplate {
  templateName: string;
  languageCode: string;
  /** Position (as a string key) to value, as Sinch's WhatsApp channel template expects. */
  parameters: Record<string, string>;
}

export interface RenderedWhatsApp extends RenderedTemplate {
  /** The lead's number in E.164, e.g. `+14155550142`. */
  to: string;
}

const E164 = /^\+[1-9]\d{1,14}$/;

export function isE164(phone: string): boolean {
  return E164.test(phone);
}

/**
 * The number in E.164 once the usual formatting (spaces, dashes, dots, parentheses) is removed, or
 * undefined when it still is not one: `+1 (415) 555-0142` becomes `+14155550142`.
 */
export function toE164(phone: string): string | undefined {
  const compact = phone.replace(/[\s().-]/g, '');
  return isE164(compact) ? compact : undefined;
}

/**
 * Fills every template parameter. Each must come out non-empty (WhatsApp rejects empty parameters);
 * an empty one is reported by the fields it names, or as `parameters.<position>` when it names none.
 */
function fillParameters(content: WhatsAppContent, context: RenderContext) {
  const missing = new Set<string>();
  const parameters: Record<string, string> = {};
  for (const { position, value } of content.parameters) {
    const filled = fillPlaceholders(value, context, 'text');
    // WhatsApp refuses parameters with line breaks, tabs or runs of spaces.
    const text = filled.text.replace(/\s+/g, ' ').trim();
    for (const path of filled.missing) missing.add(path);
    if (text === '' && filled.missing.length === 0) {
      const named = findPlaceholders(value).map((use) => use.path);
      for (const path of named.length > 0 ? named : [`parameters.${position}`]) missing.add(path);
    }
    parameters[String(position)] = text;
  }
  return { parameters, missing: [...missing] };
}

/** The template for a lead of `language` (BCP 47): sent in the closest language it is approved in. */
export function renderWhatsAppTemplate(
  content: WhatsAppContent,
  context: RenderContext,
  language?: string,
): RenderedTemplate {
  const { parameters, missing } = fillParameters(content, context);
  if (missing.length > 0) throw new MissingFieldsError(missing);
  return {
    templateName: content.templateName,
    languageCode: templateLanguageCode(content, language),
    parameters,
  };
}

export interface RenderWhatsAppInput extends RenderContext {
  stepIndex: number;
  step: MessageStep;
  customMessage: CustomMessage;
  /** The lead's language (BCP 47): picks the language the template goes in (core/translations.ts). */
  language?: string;
}

export function renderWhatsAppStep(input: RenderWhatsAppInput): RenderedWhatsApp {
  const { step, stepIndex, customMessage, lead } = input;
  if (step.channel !== 'whatsapp')
    throw new UnprocessableError(`Step ${stepIndex} sends ${step.channel}, not WhatsApp`);
  if (customMessage.id !== step.messageId) {
    throw new UnprocessableError(`Step ${stepIndex} needs its custom message ${step.messageId ?? ''}`.trim());
  }
  const content = customMessage.whatsapp;
  if (content === undefined)
    throw new UnprocessableError(`Message ${customMessage.id} has no WhatsApp content`);
  const phone = lead.phone?.trim() ?? '';
  const { parameters, missing } = fillParameters(content, input);
  if (phone === '') missing.unshift('lead.phone');
  if (missing.length > 0) throw new MissingFieldsError(missing);
  const to = toE164(phone);
  if (to === undefined) {
    throw new UnprocessableError(
      `The lead's phone number ${phone} is not in E.164 form (+ and country code)`,
    );
  }
  return {
    to,
    templateName: content.templateName,
    languageCode: templateLanguageCode(content, input.language),
    parameters,
  };
}
