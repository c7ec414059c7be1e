/**
 * The WhatsApp channel: renders the step's approved template with the lead's values and sends it
 * through the org's own Sinch account, with the send id as the correlation id.
 */
import { readWhatsAppSecret } from '../../adapters/whatsapp-secret';
import { sendWhatsAppTemplate } from '../../adapters/whatsapp-sender';
import { UnprocessableError } from '../../core/errors';
import { leadLanguage } from '../../core/languages';
import { leadProfile } from '../../core/leads';
import { renderWhatsAppStep } from '../../core/rendering/whatsapp';
import type { Channel } from './channel';

export const channel: Channel = {
  async prepare({ lead, assistant, step, enrollment, state, customMessage, sendId, settings }) {
    if (!customMessage) throw new UnprocessableError(`WhatsApp steps need their custom message`);
    const connection = state.whatsApp;
    const secret = connection && (await readWhatsAppSecret(settings.whatsAppSecretPrefix, lead.orgId));
    if (!connection || !secret)
      throw new UnprocessableError('WhatsApp is not connected for this org (PUT /org/whatsapp)');
    const message = renderWhatsAppStep({
      lead: leadProfile(lead),
      language: leadLanguage(lead, state.settings.defaultLanguage),
      org: state.settings,
      assistant,
      stepIndex: enrollment.nextStep,
      step,
      customMessage,
    });
    const send = async () =>
      sendWhatsAppTemplate(
        {
          projectId: connection.projectId,
          appId: connection.appId,
          region: connection.region,
          keyId: secret.keyId,
          keySecret: secret.keySecret,
        },
        {
          to: message.to,
          templateName: message.templateName,
          languageCode: message.languageCode,
          bodyParameters: Object.keys(message.parameters)
            .sort((a, b) => Number(a) - Number(b))
            .map((position) => message.parameters[position] ?? ''),
          correlationId: sendId,
        },
        settings.sinchHosts,
      );
    return { record: { templateName: message.templateName }, send };
  },
};
