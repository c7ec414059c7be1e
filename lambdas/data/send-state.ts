/**
 * Everything the sender needs to send one step, read in one BatchGetItem: the lead with its
 * enrollment, its assistant, the org's settings and WhatsApp connection, the assistant's and the org's
 * sending state (the reputation guard's pause), the sequence (system ones
 * come from code) and the run's first send, which follow-ups quote. Custom messages and the
 * suppression entry depend on what that returns and come in a second, optional read.
 */

import type { Assistant } from '../core/assistants';
import type { Lead } from '../core/leads';
import type { CustomMessage } from '../core/messages';
import type { OrgSettings } from '../core/org-settings';
import type { SenderInput } from '../core/sender-input';
import type { SendRecord } from '../core/sends';
import type { Sequence } from '../core/sequences';
import { findSystemMessage, findSystemSequence, isSystemId } from '../core/system-catalogue';
import { assistantFromItem, assistantKey } from './assistants';
import { orgKey, recordOf } from './items';
import { leadFromItem, leadKey } from './leads';
import { messageFromItem, messageKey } from './messages';
import { settingsFromItem, settingsKey, type WhatsAppConnection } from './org';
import { batchGet } from './reads';
import { type SendingState, sendingStateFromItem, sendingStateKey } from './sending-reputation';
import { sendFromItem, sendKey } from './sends';
import { sequenceKey } from './sequences';
import { suppressionKey } from './suppressions';

export interface SendState {
  lead?: Lead;
  assistant?: Assistant;
  settings: OrgSettings;
  sequence?: Sequence;
  whatsApp?: WhatsAppConnection;
  /** The run's step-0 record: what opened the e-mail thread (or the user's e-mail for Email CC). */
  firstSend?: SendRecord;
  /** The record of the step this firing is for: claimed, uncertain or settled before, if at all. */
  stepSend?: SendRecord;
  /** Set while the sending-reputation guard has paused the assistant's or the org's sending. */
  sendingPaused?: { scope: 'assistant' | 'org' } & SendingState;
}

export async function loadSendState(input: SenderInput): Promise<SendState> {
  const { orgId, leadId, assistantId, sequenceId, runId } = input;
  const wanted = {
    lead: leadKey(orgId, leadId),
    assistant: assistantKey(orgId, assistantId),
    settings: settingsKey(orgId),
    whatsApp: { pk: orgKey(orgId), sk: 'WHATSAPP' },
    assistantSending: sendingStateKey({ orgId, assistantId }),
    orgSending: sendingStateKey({ orgId }),
    firstSend: sendKey(orgId, leadId, runId, 0),
    ...(input.stepIndex > 0 && { stepSend: sendKey(orgId, leadId, runId, input.stepIndex) }),
    ...(isSystemId(sequenceId) ? {} : { sequence: sequenceKey(orgId, sequenceId) }),
  };
  const items = await batchGet(Object.values(wanted));
  const find = (key: { pk: string; sk: string }) =>
    items.find((item) => item.pk === key.pk && item.sk === key.sk);
  const lead = find(wanted.lead);
  const assistant = find(wanted.assistant);
  const whatsApp = find(wanted.whatsApp);
  const firstSend = find(wanted.firstSend);
  const stepSend = input.stepIndex > 0 ? wanted.stepSend && find(wanted.stepSend) : firstSend;
  const sequence = wanted.sequence ? find(wanted.sequence) : undefined;
  const assistantSending = sendingStateFromItem(find(wanted.assistantSending));
  const orgSending = sendingStateFromItem(find(wanted.orgSending));
  const sendingPaused =
    assistantSending.status === 'paused'
      ? { scope: 'assistant' as const, ...assistantSending }
      : orgSending.status === 'paused'
        ? { scope: 'org' as const, ...orgSending }
        : undefined;
  return {
    ...(sendingPaused && { sendingPaused }),
    settings: settingsFromItem(find(wanted.settings)),
    ...(lead && { lead: leadFromItem(lead) }),
    ...(assistant && { assistant: assistantFromItem(assistant) }),
    ...(whatsApp && { whatsApp: recordOf<WhatsAppConnection>(whatsApp, ['orgId']) }),
    ...(firstSend && { firstSend: sendFromItem(firstSend) }),
    ...(stepSend && { stepSend: sendFromItem(stepSend) }),
    ...((sequence || isSystemId(sequenceId)) && {
      sequence: sequence ? recordOf<Sequence>(sequence) : findSystemSequence(orgId, sequenceId),
    }),
  };
}

/**
 * The second read, only as needed: the step's custom message, whether the address is suppressed, and
 * the send that opened the thread when that was not step 0 (a sequence that starts on WhatsApp).
 */
export async function loadStepExtras(
  orgId: string,
  needs: {
    messageId?: string;
    email?: string;
    openingSend?: { leadId: string; runId: string; stepIndex: number };
  },
): Promise<{ message?: CustomMessage; suppressed: boolean; openingSend?: SendRecord }> {
  const { messageId, email, openingSend } = needs;
  const system = messageId === undefined ? undefined : findSystemMessage(orgId, messageId);
  const keys = [
    ...(messageId && !system ? [messageKey(orgId, messageId)] : []),
    ...(email ? [suppressionKey(orgId, email)] : []),
    ...(openingSend ? [sendKey(orgId, openingSend.leadId, openingSend.runId, openingSend.stepIndex)] : []),
  ];
  const items = keys.length > 0 ? await batchGet(keys) : [];
  const stored = items.find((item) => item.entity === 'message');
  const opening = items.find((item) => item.entity === 'send');
  const message = system ?? (stored && messageFromItem(stored));
  return {
    suppressed: items.some((item) => item.entity === 'suppression'),
    ...(message && { message }),
    ...(opening && { openingSend: sendFromItem(opening) }),
  };
}
