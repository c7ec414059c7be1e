/**
 * What sending needs from the sender's environment (lambdas/sender.ts): the sender's use case
 * (engine/send-step.ts) and the channels it loads (engine/channels/) both take it, so it lives apart
 * from either and neither imports the other for it.
 */
import type { SinchHosts } from '../adapters/whatsapp-sender';
import type { FollowupWriter } from '../core/rendering/followup-writer';

export interface SendSettings {
  region: string;
  configurationSet: string;
  whatsAppSecretPrefix: string;
  unsubscribeSecretName: string;
  /** The API's base URL, for unsubscribe links. */
  apiUrl: string;
  inboundDomain: string;
  /** How long an uncertain step waits for the provider's events before it is reconciled. */
  reconcileWindowMs: number;
  /** Set locally only: the Sinch stand-in. */
  sinchHosts?: SinchHosts;
  /** Who writes generated e-mail steps (FOLLOWUP_WRITER): the tone bank when absent. */
  writer?: FollowupWriter;
}
