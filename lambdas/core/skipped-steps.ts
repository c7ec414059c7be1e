/**
 * Which custom steps a lead would have skipped when they fall due: the sender skips a custom message
 * whose placeholders (without a fallback) have no value for the lead, so enrolling says so up front
 * (a warning, or a 422 when the caller asks to be strict).
 */

import { firstSentStep } from './enrollment';
import { UnprocessableError } from './errors';
import type { CustomMessage } from './messages';
import { placeholderValue, type RenderContext, requiredFields } from './rendering/personalize';
import type { Sequence } from './sequences';
import { emailInLanguage } from './translations';
import { type Warning, warning } from './warnings';

export interface SkippedStep {
  /** 0-based, as the API addresses steps. */
  step: number;
  messageId: string;
  messageName: string;
  /** Placeholder paths with no value and no fallback, e.g. `lead.company`, `lead.custom.plan`. */
  missing: string[];
}

/**
 * The custom steps of `sequence` that would be skipped for the lead in `context`, in the translation its
 * language picks. Only the e-mail that opens the thread sends its own subject (follow-ups reply under
 * it), so only its subject counts.
 */
export function stepsThatWouldBeSkipped(
  sequence: Pick<Sequence, 'type' | 'steps'>,
  messages: ReadonlyMap<string, CustomMessage>,
  context: RenderContext,
): SkippedStep[] {
  const first = firstSentStep(sequence);
  const openingEmail = sequence.steps.findIndex((step, index) => index >= first && step.channel === 'email');
  const skipped: SkippedStep[] = [];
  sequence.steps.forEach((step, index) => {
    if (index < first || step.messageType !== 'custom' || !step.messageId) return;
    const message = messages.get(step.messageId);
    if (!message) return;
    // The text the lead will get: its language's translation may need other fields than the message's own.
    const email = message.email && emailInLanguage(message.email, context.lead.language);
    const templates = email
      ? [...(index === openingEmail ? [email.subject] : []), email.html]
      : (message.whatsapp?.parameters.map((parameter) => parameter.value) ?? []);
    const missing = [...new Set(templates.flatMap(requiredFields))].filter(
      (path) => placeholderValue(path, context) === undefined,
    );
    if (missing.length > 0)
      skipped.push({ step: index, messageId: message.id, messageName: message.name, missing });
  });
  return skipped;
}

/** The lead's input field a placeholder path reads (`lead.custom.plan` -> `customFields.plan`), if it is one. */
export function leadFieldOf(path: string): string | undefined {
  if (path.startsWith('lead.custom.')) return `customFields.${path.slice('lead.custom.'.length)}`;
  if (path.startsWith('lead.')) return path.slice('lead.'.length);
  return undefined;
}

export function skippedStepWarning({ step, messageName, missing }: SkippedStep): string {
  return `Step ${step} (custom message "${messageName}") would be skipped for this lead: no value for ${missing.join(', ')}`;
}

/**
 * A skipped step as warnings: one per placeholder without a value, naming the lead field to fill. The
 * referrer is no field a caller fills (only a referral sets it), so its warning says to add a fallback.
 */
export function skippedStepWarnings(step: SkippedStep): Warning[] {
  return step.missing.map((path) => {
    const message = skippedStepWarning({ ...step, missing: [path] });
    return path.startsWith('referrer.')
      ? warning(
          'placeholder_missing',
          `${message} (only a referred lead has a referrer: give it a fallback, {{${path}|a colleague}})`,
        )
      : warning('placeholder_missing', message, leadFieldOf(path));
  });
}

/** `?strict=true`: a lead whose custom steps would be skipped is refused, and nothing is stored. */
export class StepsWouldBeSkippedError extends UnprocessableError {
  declare readonly details: { skippedSteps: SkippedStep[] };

  constructor(skippedSteps: SkippedStep[]) {
    super(`${skippedSteps.map(skippedStepWarning).join('; ')} (strict: nothing was stored)`, {
      skippedSteps,
    });
  }
}
