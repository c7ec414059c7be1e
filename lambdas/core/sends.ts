/**
 * The send lifecycle: what a step's send record is, the states it moves through, and the decisions the
 * sender takes from it (may this firing send, is a claim still live, is an uncertain step sent again).
 * data/sends.ts stores records and turns these rules into conditional writes; engine/send-step.ts acts
 * on them. States (docs/architecture.md, "Send states"):
 * claimed -> sent | retryable | failed | uncertain; uncertain -> sent (a provider event named its send
 * id) | claimed again once (no event within the reconciliation window) | failed (unknown twice).
 */
import { createHash } from 'node:crypto';
import type { PlacementReason } from './business-hours';
import type { PublicHoliday } from './holiday-calendars';
import type { WriterRecord } from './rendering/writer-record';
import type { Channel } from './sequences';

/** `external`: step 0 of an Email CC run, the user's own e-mail, which is never sent by us. */
export type SendStatus = 'claimed' | 'sent' | 'skipped' | 'failed' | 'retryable' | 'uncertain' | 'external';

export interface SendRecord {
  orgId: string;
  leadId: string;
  runId: string;
  stepIndex: number;
  channel: Channel;
  status: SendStatus;
  /** When the step was claimed, then when it was sent, skipped or failed. */
  at: string;
  attempts: number;
  revision: number;
  reason?: string;
  providerMessageId?: string;
  /** The Message-ID header the e-mail went out with, for threading and reply matching. */
  messageIdHeader?: string;
  subject?: string;
  /** Step 0 of a standard sequence (or the user's e-mail for Email CC): what follow-ups quote. */
  quotableHtml?: string;
  sender?: string;
  templateName?: string;
  /** Stable per step of a run (sendIdOf); the providers' events carry it back. */
  sendId?: string;
  /** While uncertain: when, without a provider event naming it, the step counts as not accepted. */
  reconcileAt?: string;
  /** How often the step's outcome was unknown. */
  uncertainCount?: number;
  /** What the stats count the step's outcomes under: its sequence, the lead's assistant, ... */
  sequenceId?: string;
  assistantId?: string;
  /** ... the lead's A/B variant of the step, and the tone of a generated message. */
  variant?: string;
  tone?: string;
  /**
   * Why the step was sent when it was: its plan's placement reasons (e.g. public_holiday), and the
   * public holidays it skipped, as the lead's `nextReasons`/`nextHolidays` said while it was pending.
   */
  reasons?: PlacementReason[];
  holidays?: PublicHoliday[];
  /**
   * Which writer wrote a generated e-mail, set when a model is configured (FOLLOWUP_WRITER=bedrock):
   * the model, or the bank and why the model's draft was not sent (engine/drafting.ts).
   */
  writer?: WriterRecord;
}

/** The record a sender writes when it claims a step: ids, channel, and what was rendered for it. */
export type ClaimRecord = Omit<SendRecord, 'status' | 'attempts' | 'sendId'>;

/** Longer than the sender's 30-second timeout: a claim this old has no living holder. */
export const CLAIM_LEASE_MS = 60 * 1000;
/** An uncertain step is re-sent once when no provider event named it; a second unknown is not sent again. */
export const MAX_UNCERTAIN_ATTEMPTS = 2;

/**
 * The send id of a step of a run: stable across attempts, derived from org, lead, run and step, and
 * made only of [A-Za-z0-9_-] in 32 characters, so it fits SES's tag values and Sinch's correlation_id
 * and tells the providers nothing about the lead.
 */
export function sendIdOf(orgId: string, leadId: string, runId: string, stepIndex: number): string {
  return createHash('sha256')
    .update(`${orgId}\n${leadId}\n${runId}\n${stepIndex}`)
    .digest('base64url')
    .slice(0, 32);
}

/**
 * Why a claim was refused. `in_flight`: another invocation holds a live claim. `abandoned`: a claim
 * past its lease whose outcome was never recorded; it may have reached the provider, so it is
 * reconciled, never re-sent. `uncertain`: the step awaits reconciliation. `already_done`: settled.
 * `daily_limit`: the assistant's day is full. `suppressed`: the address is on the org's suppression
 * list; `domain_suppressed`: its domain is. `contended`: DynamoDB cancelled the claim for a concurrent write to the same items (e.g. the
 * counter).
 */
export type ClaimOutcome =
  | 'claimed'
  | 'already_done'
  | 'in_flight'
  | 'abandoned'
  | 'uncertain'
  | 'daily_limit'
  | 'suppressed'
  | 'domain_suppressed'
  | 'contended';

/**
 * What a step's record says about sending it now, before any claim is tried: `free` (never claimed, or
 * given back), `resend` (uncertain past its reconciliation time, with its one re-send left), or why not.
 */
export function claimStateOf(record: SendRecord | undefined, now: Date): ClaimOutcome | 'free' | 'resend' {
  if (!record || record.status === 'retryable') return 'free';
  if (record.status === 'claimed') {
    return claimExpired(record, now) ? 'abandoned' : 'in_flight';
  }
  if (record.status === 'uncertain') {
    const due = record.reconcileAt !== undefined && record.reconcileAt <= now.toISOString();
    return due && (record.uncertainCount ?? 1) < MAX_UNCERTAIN_ATTEMPTS ? 'resend' : 'uncertain';
  }
  return 'already_done';
}

/**
 * Why a claim's condition failed, from the record as stored when it did: a record that would allow a
 * claim again means it changed between the two (a concurrent write), so the claim counts as contended.
 */
export function refusedClaim(stored: SendRecord, now: Date): ClaimOutcome {
  const state = claimStateOf(stored, now);
  return state === 'free' || state === 'resend' ? 'contended' : state;
}

/** Whether a claim, once past its lease, has outlived any holder (its outcome is then reconciled). */
export function claimExpired(send: Pick<SendRecord, 'at'>, now: Date): boolean {
  return new Date(send.at).getTime() < now.getTime() - CLAIM_LEASE_MS;
}
