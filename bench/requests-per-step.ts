/**
 * Measurement 1: the AWS and provider requests it takes to send one step. Leads go on a three-step
 * e-mail sequence (a custom first e-mail, two generated follow-ups); the clock is then moved one step
 * at a time, so each phase holds the sends of exactly one step and its requests divide by what it
 * sent. A small WhatsApp run does the same for a custom template step through the Sinch stub.
 * Counters are reset after the API created the leads, so the figures hold the sender's requests only
 * (the creation's are reported apart: it creates each lead's first schedule).
 */
import * as z from 'zod';
import type { LocalStack } from '../local/stack';
import type { Api } from './local-api';
import { createAssistant, createEmailMessage, createLeads, createSequence, leadRow } from './org-setup';
import type { RequestCounter, RequestCounts } from './request-counter';

const EMAIL_ORG = 'bench-steps';
const WHATSAPP_ORG = 'bench-whatsapp';
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export interface SendPhase {
  /** Which step the phase sent and what kind of message it is. */
  label: string;
  /** Schedules the emulator fired (sender invocations). */
  fired: number;
  /** Messages the SES emulator or the Sinch stub accepted. */
  sent: number;
  counts: RequestCounts;
  /** HTTP requests the Sinch stub answered: message sends and OAuth2 token requests. */
  sinch: { sends: number; tokens: number };
}

export interface RequestsPerStepResult {
  leads: number;
  whatsAppLeads: number;
  /** The API creating the leads (POST /leads/batch), including each lead's first schedule. */
  creation: RequestCounts;
  phases: SendPhase[];
}

export interface RequestsPerStepOptions {
  stack: LocalStack;
  counter: RequestCounter;
  signIn: (orgId: string) => Promise<Api>;
  leads: number;
  whatsAppLeads: number;
  log: (line: string) => void;
}

export async function measureRequestsPerStep(
  options: RequestsPerStepOptions,
): Promise<RequestsPerStepResult> {
  const { stack, counter, log } = options;
  // A Monday morning inside the assistant's hours: every step is due at once, none is deferred.
  stack.clock.set(new Date('2026-03-02T09:00:00Z'));
  const api = await options.signIn(EMAIL_ORG);
  const assistantId = await createAssistant(api, EMAIL_ORG);
  const introId = await createEmailMessage(api, 'Intro');
  const sequence = await createSequence(api, 'Three e-mails', [
    { afterDays: 0, channel: 'email', messageType: 'custom', messageId: introId },
    { afterDays: 2, channel: 'email', messageType: 'generated', tone: 'gentle' },
    { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'curious' },
  ]);
  const target = { assistantId, sequenceId: sequence.id };
  const rows = Array.from({ length: options.leads }, (_, index) => leadRow('steps', index, target));

  counter.reset();
  await createLeads(api, rows);
  const creation = counter.snapshot();
  log(`created ${options.leads} leads on a three-step e-mail sequence`);
  await stack.settle();

  const phases: SendPhase[] = [];
  // Step 1 is due now, step 2 two days after it, step 3 three days after step 2: each advance sends one.
  const advances: Array<[string, number]> = [
    ['step 1: custom e-mail (opens the thread)', HOUR_MS],
    ['step 2: generated follow-up', 2 * DAY_MS],
    ['step 3: generated follow-up (last step)', 3 * DAY_MS],
  ];
  for (const [label, ms] of advances) {
    phases.push(await sendPhase(stack, counter, label, () => stack.advance(ms)));
    log(`${label}: ${phases.at(-1)?.sent} sent`);
  }
  phases.push(await whatsAppPhase(options));
  log(`WhatsApp template step: ${phases.at(-1)?.sent} sent`);
  return { leads: options.leads, whatsAppLeads: options.whatsAppLeads, creation, phases };
}

async function sendPhase(
  stack: LocalStack,
  counter: RequestCounter,
  label: string,
  run: () => Promise<{ fired: number }>,
): Promise<SendPhase> {
  const emailsBefore = (await stack.engine.ses.store()).emails.length;
  const sinchBefore = { sends: stack.engine.sinch.sent().length, tokens: stack.engine.sinch.tokensIssued() };
  counter.reset();
  const { fired } = await run();
  const counts = counter.snapshot();
  const emails = (await stack.engine.ses.store()).emails.length - emailsBefore;
  const sinch = {
    sends: stack.engine.sinch.sent().length - sinchBefore.sends,
    tokens: stack.engine.sinch.tokensIssued() - sinchBefore.tokens,
  };
  return { label, fired, sent: emails + sinch.sends, counts, sinch };
}

/** A one-step WhatsApp sequence in its own org, connected to the Sinch stub. */
async function whatsAppPhase(options: RequestsPerStepOptions): Promise<SendPhase> {
  const { stack, counter } = options;
  const api = await options.signIn(WHATSAPP_ORG);
  await api.expect(200, z.unknown(), 'PUT', '/org/whatsapp', {
    projectId: 'bench-project',
    keyId: 'bench-key',
    keySecret: 'bench-secret',
    appId: 'bench-app',
    region: 'eu',
  });
  const assistantId = await createAssistant(api, WHATSAPP_ORG);
  const { id: templateId } = await api.expect(201, z.object({ id: z.string() }), 'POST', '/messages', {
    name: 'WA nudge',
    channel: 'whatsapp',
    whatsapp: {
      templateName: 'followup_nudge',
      languageCode: 'en',
      parameters: [{ position: 1, value: '{{lead.firstName}}' }],
    },
  });
  const sequence = await createSequence(api, 'One WhatsApp', [
    { afterDays: 0, channel: 'whatsapp', messageType: 'custom', messageId: templateId },
  ]);
  const target = { assistantId, sequenceId: sequence.id };
  const rows = Array.from({ length: options.whatsAppLeads }, (_, index) =>
    leadRow('wa', index, target, 'whatsapp'),
  );
  await createLeads(api, rows);
  await stack.settle();
  return sendPhase(stack, counter, 'WhatsApp template (custom, one step)', () => stack.advance(HOUR_MS));
}
