/**
 * The e-mail channel: renders the step (threaded under the first e-mail, with unsubscribe links signed
 * for the lead) and sends it with SES, tagged with the send id.
 */
import { messageIdHeader, SEND_ID_TAG, sendEmail, sesClient } from '../../adapters/email-sender';
import { readSecret } from '../../adapters/secrets';
import { leadWriting } from '../../core/languages';
import { type Lead, leadProfile } from '../../core/leads';
import {
  emailLanguage,
  followupRequestOf,
  type RenderEmailInput,
  type RenderedEmail,
  renderEmailStep,
  type UnsubscribeLinks,
} from '../../core/rendering/render-email';
import { withFirstEmail } from '../../core/rendering/threading';
import type { WriterRecord } from '../../core/rendering/writer-record';
import { signUnsubscribeToken } from '../../core/signatures';
import { draftStep } from '../drafting';
import type { SendSettings } from '../send-settings';
import type { Channel, ChannelStep } from './channel';

/** A step's e-mail, and which writer wrote it when a model was asked (engine/drafting.ts). */
export interface StepEmail {
  email: RenderedEmail;
  writer?: WriterRecord;
}

/**
 * The step's e-mail as it goes to the lead: also what a reviewed step's draft is made of
 * (engine/review-gate.ts), so a person approves exactly what would be sent. Written in the lead's
 * language, addressed as the org's settings say; a model-backed writer's text is written once for the
 * step and kept, and an approved text is sent as approved (no writer is asked again).
 */
export async function renderEmail(step: ChannelStep): Promise<StepEmail> {
  const { lead, assistant, sequence, enrollment, state, customMessage, settings, approved, now } = step;
  const thread = enrollment.thread && withFirstEmail(enrollment.thread, state.firstSend);
  const content: Omit<RenderEmailInput, 'unsubscribe'> = {
    lead: leadProfile(lead),
    org: state.settings,
    assistant,
    sequence: { id: sequence.id, type: sequence.type, stepCount: sequence.steps.length },
    stepIndex: enrollment.nextStep,
    step: step.step,
    ...(customMessage && { customMessage }),
    ...(thread && { thread }),
    ...(approved && { approved }),
    // An approved text is sent in the language and register it was drafted in (core/approvals.ts).
    writing: { ...leadWriting(lead, state.settings), ...approved?.writing },
  };
  const input: RenderEmailInput = {
    ...content,
    unsubscribe: await unsubscribeLinks(lead, settings, emailLanguage(content).language),
  };
  const draft =
    step.step.messageType === 'generated' && settings.writer && !approved
      ? await draftStep(settings.writer, {
          lead: {
            orgId: lead.orgId,
            leadId: lead.id,
            ...(lead.lastReply && { lastReply: lead.lastReply }),
          },
          runId: enrollment.runId,
          request: followupRequestOf(input),
          ...(thread?.firstEmail && { firstEmail: thread.firstEmail }),
          ...(thread?.openingStep !== undefined && { openingStep: thread.openingStep }),
          now,
        })
      : undefined;
  const email = renderEmailStep({ ...input, ...(draft && { draft: draft.message }) });
  // An approved step was drafted earlier: its writer is the draft's, as the approval kept it.
  const writer = draft?.writer ?? approved?.writer;
  return { email, ...(writer && { writer }) };
}

export const channel: Channel = {
  async prepare(step) {
    const { sendId, settings } = step;
    const { email, writer } = await renderEmail(step);
    return {
      record: {
        subject: email.subject,
        ...(email.opensThread && { quotableHtml: email.quotableHtml, sender: email.from }),
        ...(writer && { writer }),
      },
      send: async () => {
        const { providerMessageId } = await sendEmail(sesClient, {
          from: email.from,
          to: [email.to],
          cc: email.cc,
          subject: email.subject,
          html: email.html,
          text: email.text,
          headers: email.headers,
          configurationSetName: settings.configurationSet,
          tags: { [SEND_ID_TAG]: sendId },
        });
        return { providerMessageId, messageIdHeader: messageIdHeader(providerMessageId, settings.region) };
      },
    };
  },
};

/**
 * Every e-mail carries a one-click link back to this API and a mailbox, both naming the lead by a signed
 * token. The link names the e-mail's language too, so its page reads like the e-mail it came from.
 */
async function unsubscribeLinks(
  lead: Lead,
  settings: SendSettings,
  language: string,
): Promise<UnsubscribeLinks> {
  const key = await readSecret(settings.unsubscribeSecretName);
  if (!key) throw new Error('The unsubscribe signing key is missing from Secrets Manager');
  const token = signUnsubscribeToken({ orgId: lead.orgId, leadId: lead.id }, key);
  return {
    url: `${settings.apiUrl.replace(/\/$/, '')}/unsubscribe/${token}?language=${encodeURIComponent(language)}`,
    mailto: `mailto:unsubscribe@${settings.inboundDomain}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`,
  };
}
