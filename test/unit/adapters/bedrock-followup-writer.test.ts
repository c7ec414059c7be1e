/**
 * The Bedrock follow-up writer (adapters/bedrock-followup-writer.ts, core/rendering/model-drafts.ts)
 * against a mocked Bedrock runtime: a draft that keeps the guardrails becomes the message (escaped and
 * sanitized); a refused draft, an answer that does not fit, a timeout and throttling throw, each with the
 * fallback reason the sender records (engine/drafting.ts). The request forces the one tool with its
 * schema and tells the model the tone, position, language and the thread so far.
 */
import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandOutput,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  bedrockFollowupWriter,
  DEFAULT_WRITER_TIMEOUT_MS,
} from '../../../lambdas/adapters/bedrock-followup-writer';
import { configuredFollowupWriter, followupWriterSettings } from '../../../lambdas/adapters/followup-writers';
import { type FollowupRequest, toneBankWriter } from '../../../lambdas/core/rendering/followup-writer';
import { WRITER_TOOL_NAME, writerToolInputSchema } from '../../../lambdas/core/rendering/model-drafts';
import { SAMPLE_ASSISTANT, SAMPLE_ORG } from '../../../lambdas/core/rendering/profiles';
import { fallbackReasonOf } from '../../../lambdas/engine/drafting';

const MODEL_ID = 'amazon.nova-lite-v1:0';
const bedrock = mockClient(BedrockRuntimeClient);
const writer = () =>
  bedrockFollowupWriter({ modelId: MODEL_ID, client: new BedrockRuntimeClient({ region: 'eu-west-1' }) });

const REQUEST: FollowupRequest = {
  tone: 'gentle',
  position: 'followup',
  sequenceType: 'standard',
  lead: { id: 'lead-1', firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines Ltd' },
  org: SAMPLE_ORG,
  assistant: SAMPLE_ASSISTANT,
  sequenceId: 'seq-1',
  stepIndex: 1,
  language: 'de',
  formality: 'formal',
  thread: {
    earlier: [
      { stepIndex: 0, subject: 'Offene Rechnungen', text: 'Guten Tag Frau Lovelace, erste Nachricht.' },
    ],
    lastReply: { at: '2026-03-03T10:00:00Z', channel: 'email', intent: 'out_of_office' },
  },
};

const GERMAN_BODY = [
  'Guten Tag Frau Lovelace,',
  'ich wollte kurz nachfragen, ob Sie meine letzte Nachricht zu den offenen Rechnungen gesehen haben. Wir nehmen Ihrem Team das Nachfassen gerne ab, <b>ganz</b> ohne Aufwand.',
  'Hätten Sie nächste Woche zwanzig Minuten Zeit?',
  'Viele Grüße,',
].join('\n\n');

function toolCall(input: DocumentType, stopReason: ConverseCommandOutput['stopReason'] = 'tool_use') {
  return {
    output: {
      message: {
        role: 'assistant' as const,
        content: [{ toolUse: { toolUseId: 't-1', name: WRITER_TOOL_NAME, input } }],
      },
    },
    stopReason,
    usage: { inputTokens: 900, outputTokens: 200, totalTokens: 1100 },
    metrics: { latencyMs: 1500 },
    $metadata: {},
  } satisfies ConverseCommandOutput;
}

beforeEach(() => bedrock.reset());
afterEach(() => vi.useRealTimers());

describe('bedrockFollowupWriter', () => {
  it('answers a draft that keeps the guardrails as escaped, sanitized paragraphs', async () => {
    // Prepare
    bedrock.on(ConverseCommand).resolves(toolCall({ subject: 'Offene Rechnungen', body: GERMAN_BODY }));

    // Act
    const message = await writer().write(REQUEST);

    // Assess
    expect(message.subject).toBe('Offene Rechnungen');
    expect(message.variantId).toBe('model');
    expect(message.html).toContain('<p>Guten Tag Frau Lovelace,</p>');
    expect(message.html).toContain('&lt;b&gt;ganz&lt;/b&gt;');
    expect(message.html).not.toContain('<b>');
  });

  it('forces its one tool and tells the model the tone, position, language, register and thread', async () => {
    // Prepare
    bedrock.on(ConverseCommand).resolves(toolCall({ subject: 'Offene Rechnungen', body: GERMAN_BODY }));

    // Act
    await writer().write(REQUEST);

    // Assess
    expect(bedrock).toHaveReceivedCommandWith(ConverseCommand, {
      modelId: MODEL_ID,
      toolConfig: {
        tools: [
          expect.objectContaining({
            toolSpec: expect.objectContaining({
              name: WRITER_TOOL_NAME,
              inputSchema: { json: writerToolInputSchema() },
            }),
          }),
        ],
        toolChoice: { tool: { name: WRITER_TOOL_NAME } },
      },
    });
    const input = bedrock.commandCalls(ConverseCommand)[0]?.args[0].input;
    const system = input?.system?.map((block) => block.text).join('\n') ?? '';
    const context = input?.messages?.[0]?.content?.[0]?.text ?? '';
    expect(system).toContain('Tone: gentle');
    expect(system).toContain('German (de)');
    expect(system).toContain('formally');
    expect(system).toContain('a follow-up');
    expect(context).toContain(SAMPLE_ORG.offering?.summary);
    expect(context).toContain('Company: Analytical Engines Ltd');
    expect(context).toContain('Guten Tag Frau Lovelace, erste Nachricht.');
    expect(context).toContain('read as: out_of_office');
  });

  it.each([
    [
      'a greeting by another name',
      { subject: 'Hallo', body: GERMAN_BODY.replace('Frau Lovelace', 'Frau Byron') },
      'wrong_name',
    ],
    [
      'English for a German lead',
      {
        subject: 'Hello',
        body: 'Hi Ada,\n\nI wanted to follow up on my earlier note about the invoices your team still chases by hand every Friday afternoon.\n\nBest,',
      },
      'wrong_language',
    ],
    ['an answer without a body', { subject: 'Hallo' }, 'invalid_answer'],
  ])('throws for %s, with the reason %s', async (_, answer, reason) => {
    // Prepare
    bedrock.on(ConverseCommand).resolves(toolCall(answer as DocumentType));

    // Act
    const written = writer().write(REQUEST);

    // Assess
    const error = await written.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(fallbackReasonOf(error)).toBe(reason);
  });

  it('throws when throttled, with the reason throttled', async () => {
    // Prepare
    bedrock.on(ConverseCommand).rejects(new ThrottlingException({ message: 'slow down', $metadata: {} }));

    // Act
    const error = await writer()
      .write(REQUEST)
      .catch((failure: unknown) => failure);

    // Assess
    expect(fallbackReasonOf(error)).toBe('throttled');
  });

  it('gives up after the timeout, aborting the request, with the reason timeout', async () => {
    // Prepare: a model that answers after 20 s; the clock is moved by hand.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    bedrock
      .on(ConverseCommand)
      .callsFake(
        () =>
          new Promise((resolve) =>
            setTimeout(() => resolve(toolCall({ subject: 'Offene Rechnungen', body: GERMAN_BODY })), 20_000),
          ),
      );

    // Act
    const written = writer()
      .write(REQUEST)
      .catch((failure: unknown) => failure);
    await vi.advanceTimersByTimeAsync(DEFAULT_WRITER_TIMEOUT_MS);

    // Assess
    expect(fallbackReasonOf(await written)).toBe('timeout');
    const [, options] = (bedrock.commandCalls(ConverseCommand)[0]?.args ?? []) as unknown[] as [
      unknown,
      { abortSignal?: AbortSignal } | undefined,
    ];
    expect(options?.abortSignal?.aborted).toBe(true);
  });
});

describe('the writer the sender is configured with', () => {
  it('is the bank by default and Bedrock with a model id, which it requires', () => {
    expect(configuredFollowupWriter(followupWriterSettings({ FOLLOWUP_WRITER: 'bank' }))).toBe(
      toneBankWriter,
    );
    expect(
      configuredFollowupWriter(
        followupWriterSettings({ FOLLOWUP_WRITER: 'bedrock', FOLLOWUP_WRITER_MODEL_ID: MODEL_ID }),
      ).kind,
    ).toBe('bedrock');
    expect(() =>
      followupWriterSettings({ FOLLOWUP_WRITER: 'bedrock', FOLLOWUP_WRITER_MODEL_ID: ' ' }),
    ).toThrow(/FOLLOWUP_WRITER_MODEL_ID: missing/);
  });
});
