/**
 * How the sender sends a step on one channel. Each channel is a module of its own (`email.ts`,
 * `whatsapp.ts`) that engine/send-step.ts imports when a step of that channel fires, so an e-mail step
 * never loads the WhatsApp provider's SDK, nor a WhatsApp step the e-mail rendering stack.
 */
import type { ApprovedText } from '../../core/approvals';
import type { Assistant } from '../../core/assistants';
import type { Enrollment } from '../../core/enrollment';
import type { Lead } from '../../core/leads';
import type { CustomMessage } from '../../core/messages';
import type { ClaimRecord } from '../../core/sends';
import type { MessageStep, Sequence } from '../../core/sequences';
import type { SendState } from '../../data/send-state';
import type { SendSettings } from '../send-settings';

/** The step being sent, as the sender read it. */
export interface ChannelStep {
  lead: Lead;
  assistant: Assistant;
  sequence: Sequence;
  /** The step's message: its own, or the lead's A/B variant of it. */
  step: MessageStep;
  enrollment: Enrollment;
  state: SendState;
  customMessage?: CustomMessage;
  /** Names the send to the provider, so its events can be matched to it (tags, correlation ids). */
  sendId: string;
  settings: SendSettings;
  /** When the step fires: what a draft written for it is stamped with. */
  now: Date;
  /**
   * The text a person approved for a reviewed e-mail step (core/approvals.ts), sent instead of the
   * step's, with the writer of the draft it was approved from.
   */
  approved?: ApprovedText;
}

/** What the provider answered for an accepted send. */
export interface Accepted {
  providerMessageId: string;
  messageIdHeader?: string;
}

/** A rendered step: what its claim records of it, and the one provider call that sends it. */
export interface PreparedSend {
  record: Partial<ClaimRecord>;
  send: () => Promise<Accepted>;
}

export interface Channel {
  /** Renders the step; throws `UnprocessableError` when it cannot be sent (it is then skipped). */
  prepare(step: ChannelStep): Promise<PreparedSend>;
}
