/**
 * Everything the sender needs to send one step, read in one BatchGetItem: the lead with its
 * enrollment, its assistant, the org's settings and WhatsApp connection, the assistant's and the org's
 * sending state (the reputation guard's pause), the sequence (system ones come from code), the run's
 * first send, which follow-ups quote, the step's own send record, and the custom messages the schedule
 * names (the step's when it was planned). A second read is needed only when the step names another
 * message now, or its thread opened on a later step (a sequence that starts on WhatsApp). Whether the
 * address is suppressed is checked by the claim itself (data/sends.ts), not read.
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
  /** The custom messages the schedule named, by id, each read (undefined when it no longer exists). */
  messages: ReadonlyMap<string, CustomMessage | undefined>;
}

export async function loadSendState(input: SenderInput): Promise<SendState> {
  const { orgId, leadId, assistantId, sequenceId, runId } = input;
  // System messages come from code; the schedule's others are read with the rest.
  const named = [...new Set(input.messageIds)].filter((id) => findSystemMessage(orgId, id) === undefined);
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
  const items = await batchGet([...Object.values(wanted), ...named.map((id) => messageKey(orgId, id))]);
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
  const messages = new Map(
    named.map((id) => {
      const item = find(messageKey(orgId, id));
      return [id, item && messageFromItem(item)] as const;
    }),
  );
  return {
    messages,
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
 * The second read, only as needed: a custom message the schedule did not name (the sequence changed
 * since it was planned, or the schedule predates naming them), and the send that opened the thread when
 * that was not step 0 (a sequence that starts on WhatsApp).
 */
export async function loadStepExtras(
  orgId: string,
  needs: {
    messageId?: string;
    openingSend?: { leadId: string; runId: string; stepIndex: number };
  },
): Promise<{ message?: CustomMessage; openingSend?: SendRecord }> {
  const { messageId, openingSend } = needs;
  const keys = [
    ...(messageId ? [messageKey(orgId, messageId)] : []),
    ...(openingSend ? [sendKey(orgId, openingSend.leadId, openingSend.runId, openingSend.stepIndex)] : []),
  ];
  const items = keys.length > 0 ? await batchGet(keys) : [];
  const stored = items.find((item) => item.entity === 'message');
  const opening = items.find((item) => item.entity === 'send');
  return {
    ...(stored && { message: messageFromItem(stored) }),
    ...(opening && { openingSend: sendFromItem(opening) }),
  };
}
