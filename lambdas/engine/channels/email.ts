/**
 * The e-mail channel: renders the step (threaded under the first e-mail, with unsubscribe links signed
 * for the lead) and sends it with SES, tagged with the send id.
 */
import { messageIdHeader, SEND_ID_TAG, sendEmail, sesClient } from '../../adapters/email-sender';
import { readSecret } from '../../adapters/secrets';
import { type Lead, leadProfile } from '../../core/leads';
import {
  type RenderedEmail,
  renderEmailStep,
  type UnsubscribeLinks,
} from '../../core/rendering/render-email';
import { withFirstEmail } from '../../core/rendering/threading';
import { signUnsubscribeToken } from '../../core/signatures';
import type { SendSettings } from '../send-settings';
import type { Channel, ChannelStep } from './channel';

/**
 * The step's e-mail as it goes to the lead: also what a reviewed step's draft is made of
 * (engine/review-gate.ts), so a person approves exactly what would be sent.
 */
export async function renderEmail(step: ChannelStep): Promise<RenderedEmail> {
  const { lead, assistant, sequence, enrollment, state, customMessage, settings, approved } = step;
  const thread = enrollment.thread && withFirstEmail(enrollment.thread, state.firstSend);
  return renderEmailStep({
    lead: leadProfile(lead),
    org: state.settings,
    assistant,
    sequence: { id: sequence.id, type: sequence.type, stepCount: sequence.steps.length },
    stepIndex: enrollment.nextStep,
    step: step.step,
    ...(customMessage && { customMessage }),
    ...(thread && { thread }),
    ...(approved && { approved }),
    unsubscribe: await unsubscribeLinks(lead, settings),
  });
}

export const channel: Channel = {
  async prepare(step) {
    const { sendId, settings } = step;
    const email = await renderEmail(step);
    return {
      record: {
        subject: email.subject,
        ...(email.opensThread && { quotableHtml: email.quotableHtml, sender: email.from }),
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

/** Every e-mail carries a one-click link back to this API and a mailbox, both naming the lead by a signed token. */
async function unsubscribeLinks(lead: Lead, settings: SendSettings): Promise<UnsubscribeLinks> {
  const key = await readSecret(settings.unsubscribeSecretName);
  if (!key) throw new Error('The unsubscribe signing key is missing from Secrets Manager');
  const token = signUnsubscribeToken({ orgId: lead.orgId, leadId: lead.id }, key);
  return {
    url: `${settings.apiUrl.replace(/\/$/, '')}/unsubscribe/${token}`,
    mailto: `mailto:unsubscribe@${settings.inboundDomain}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`,
  };
}
