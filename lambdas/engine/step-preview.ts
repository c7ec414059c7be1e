/**
 * What a step of a sequence would send a lead (POST /sequences/{id}/steps/{index}/preview): for a
 * stored lead and its assistant, or for the lead and assistant the editor describes (samples by
 * default); e-mail steps threaded under what step 0 would send. The sequences API imports this module
 * on that route only, so the rendering stack weighs on no other route's cold start.
 */
import { previewMessages } from '../core/analytics/variants';
import { NotFoundError, UnprocessableError } from '../core/errors';
import { languageWarnings, previewLanguage, writingIn } from '../core/languages';
import { type Lead, leadProfile } from '../core/leads';
import type { Caller } from '../core/permissions';
import {
  type PreviewLeadInput,
  previewAssistant,
  previewLead,
  previewOrg,
  previewSamples,
} from '../core/rendering/preview-profiles';
import type { AssistantProfile } from '../core/rendering/profiles';
import { previewThread, type WrittenStep } from '../core/rendering/render-email';
import { renderWhatsAppStep } from '../core/rendering/whatsapp';
import { type MessageStep, referencedMessageIds, type Sequence } from '../core/sequences';
import { getAssistant } from '../data/assistants';
import { getRunDrafts } from '../data/drafts';
import { getVisibleMessages } from '../data/messages';
import { getOrgSettings } from '../data/org';
import { requireLead } from './enrollment-reads';

export interface StepPreviewRequest {
  /** A stored lead to preview for (a referred one with its referrer); else `lead`, else the sample lead. */
  leadId?: string;
  lead?: PreviewLeadInput;
  assistant?: Partial<AssistantProfile>;
  /** Step `index`'s A/B variant to show; else the stored lead's, else the first (or the promoted one). */
  variant?: string;
  /** The language to write in (BCP 47, canonical); else the lead's, else the org's defaultLanguage. */
  language?: string;
}

export async function previewSequenceStep(
  caller: Caller,
  sequence: Sequence,
  index: string | undefined,
  request: StepPreviewRequest,
  now: Date,
) {
  const stepIndex = Number(index);
  const step = Number.isInteger(stepIndex) ? sequence.steps[stepIndex] : undefined;
  if (!step) throw new NotFoundError(`Step ${index} of sequence`, sequence.id);
  const stored = request.leadId === undefined ? undefined : await requireLead(caller, request.leadId);
  const storedAssistant = stored && (await getAssistant(caller.orgId, stored.assistantId));
  const lead = stored ? leadProfile(stored) : previewLead(request.lead);
  const assistant = previewAssistant(storedAssistant ?? request.assistant);
  const settings = await getOrgSettings(caller.orgId);
  const org = previewOrg(settings);
  const language = previewLanguage(request.language, stored ?? request.lead, settings.defaultLanguage);
  const samples = previewSamples({ lead, assistant, org });
  const messages = await getVisibleMessages(caller.orgId, referencedMessageIds(sequence.steps));
  const steps = previewMessages(sequence, stepIndex, { leadId: stored?.id, variant: request.variant });
  const message = steps[stepIndex] ?? (step as MessageStep);
  if (step.channel === 'whatsapp') {
    const customMessage = message.messageId === undefined ? undefined : messages.get(message.messageId);
    if (!customMessage) throw new NotFoundError('Message', message.messageId);
    const { to, templateName, languageCode, parameters } = renderWhatsAppStep({
      lead,
      org,
      assistant,
      stepIndex,
      step: message,
      customMessage,
      language,
    });
    return { channel: 'whatsapp' as const, samples, to, templateName, languageCode, parameters };
  }
  if (sequence.type === 'email_cc' && stepIndex === 0) {
    throw new UnprocessableError("Step 0 of an Email CC sequence is the user's own e-mail and is never sent");
  }
  const email = previewThread({
    ...(stored && { writtenSteps: await keptDrafts(stored, sequence) }),
    lead,
    org,
    assistant,
    sequence: { id: sequence.id, type: sequence.type, steps },
    stepIndex,
    customMessages: messages,
    firstSentAt: now.toISOString(),
    writing: writingIn(language, settings),
  });
  const { from, to, cc, subject, html, text, headers } = email;
  return {
    channel: 'email' as const,
    samples,
    from,
    to,
    cc,
    subject,
    html,
    text,
    headers,
    // A custom message's translation is the language it was written in; else the bank's.
    language: email.translation ?? email.language,
    warnings: languageWarnings(language, { steps }),
  };
}

/**
 * What a model already wrote for the stored lead's current run of this sequence, by step: a preview
 * shows the text that goes (or went) out where the step still asks for what it was written for (a
 * preview in another language, or of a step whose tone changed since, shows the bank's), and never asks
 * the model itself (engine/drafting.ts writes a step when it fires). Nothing for a lead on another
 * sequence, or with the bank (it keeps nothing).
 */
async function keptDrafts(lead: Lead, sequence: Sequence): Promise<Map<number, WrittenStep>> {
  if (lead.enrollment.sequenceId !== sequence.id) return new Map();
  const drafts = await getRunDrafts({ orgId: lead.orgId, leadId: lead.id }, lead.enrollment.runId);
  return new Map(drafts.map((draft) => [draft.stepIndex, draft]));
}
