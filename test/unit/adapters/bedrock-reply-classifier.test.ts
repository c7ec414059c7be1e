/**
 * The Bedrock reply classifier (lambdas/adapters/bedrock-reply-classifier.ts) against a mocked Bedrock
 * runtime: a fitting tool call becomes the reading; a timeout, throttling, refused access or an answer
 * that does not fit hands the reply to the fallback, with a warning that names the error and the model
 * but never the reply, and a ReplyClassifierFallbacks count by kind. The request forces the one tool,
 * carries its schema, asks for temperature 0 and carries nothing but the reply and its day and zone.
 * Also the choice between the rules and Bedrock from a function's environment (adapters/reply-classifiers.ts).
 */
import {
  AccessDeniedException,
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  type ConverseCommandOutput,
  ThrottlingException,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplyReading as ReplyIntentReading, ReplyReadingOptions } from '../../../lambdas/core/replies';
import { REPLY_TOOL_NAME, replyToolInputSchema } from '../../../lambdas/core/reply-classifier';
import { captureStdoutMetrics } from '../../support/emitted-metrics';

await vi.hoisted(async () => (await import('../../support/emitted-metrics')).enableMetrics());

const { bedrockReplyClassifier, DEFAULT_REPLY_CLASSIFIER_TIMEOUT_MS } = await import(
  '../../../lambdas/adapters/bedrock-reply-classifier'
);
const { configuredReplyClassifier, replyClassifierSettings, rulesReplyClassifier } = await import(
  '../../../lambdas/adapters/reply-classifiers'
);
const { logger } = await import('../../../lambdas/runtime/observability');

const MODEL_ID = 'amazon.nova-micro-v1:0';
/** A reply with personal data in it, which must reach no log line. */
const REPLY =
  'Not now, we are busy until the summer. Try me again in September. Anna Schmidt, +49 151 2345678';
/** Tuesday 14 April 2026, 12:00 in Berlin. */
const OPTIONS: ReplyReadingOptions = {
  receivedAt: new Date('2026-04-14T10:00:00Z'),
  timezone: 'Europe/Berlin',
  language: 'en',
  subject: 'Re: Faster follow-ups',
};
const RULES_READING: ReplyIntentReading = { intent: 'not_interested', confidence: 0.4 };

const bedrock = mockClient(BedrockRuntimeClient);
const fallback = vi.fn(async (_text: string, _options: ReplyReadingOptions) => RULES_READING);
const classifier = () =>
  bedrockReplyClassifier({
    modelId: MODEL_ID,
    fallback,
    client: new BedrockRuntimeClient({ region: 'eu-west-1' }),
  });

/** Converse's answer when the model calls the tool with `input`. */
function toolCall(input: DocumentType, name = REPLY_TOOL_NAME): ConverseCommandOutput {
  return {
    output: { message: { role: 'assistant', content: [{ toolUse: { toolUseId: 't-1', name, input } }] } },
    stopReason: 'tool_use',
    usage: { inputTokens: 900, outputTokens: 60, totalTokens: 960 },
    metrics: { latencyMs: 400 },
    $metadata: {},
  };
}

let stdout: ReturnType<typeof captureStdoutMetrics>;
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  bedrock.reset();
  fallback.mockClear();
  stdout = captureStdoutMetrics();
  warn = vi.spyOn(logger, 'warn');
});
afterEach(() => {
  stdout.stop();
  warn.mockRestore();
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const fallbacksCounted = () =>
  stdout
    .metrics()
    .filter((metric) => metric.name === 'ReplyClassifierFallbacks')
    .map((metric) => ({ value: metric.value, dimensions: metric.dimensions }));

/** The classifier fell back: the rules' reading, one warning naming the error and model only. */
function expectFellBack(reading: ReplyIntentReading, errorName: string, kind: string) {
  expect(reading).toEqual(RULES_READING);
  expect(fallback).toHaveBeenCalledExactlyOnceWith(REPLY, OPTIONS);
  expect(warn).toHaveBeenCalledExactlyOnceWith('The reply classifier fell back to the rules', {
    error: errorName,
    modelId: MODEL_ID,
  });
  expect(JSON.stringify(warn.mock.calls)).not.toMatch(/September|Anna|2345678|Faster/);
  expect(fallbacksCounted()).toEqual([{ value: 1, dimensions: { service: 'followup-engine', kind } }]);
}

describe('the Bedrock reply classifier', () => {
  it('reads a fitting tool call as the reading, without the fallback', async () => {
    // Prepare
    bedrock
      .on(ConverseCommand)
      .resolves(toolCall({ intent: 'not_now', confidence: 0.86, until: '2026-09-01' }));

    // Act
    const reading = await classifier()(REPLY, OPTIONS);

    // Assess: 1 September, 00:00 in Berlin (CEST).
    expect(reading).toEqual({ intent: 'not_now', confidence: 0.86, until: new Date('2026-08-31T22:00:00Z') });
    expect(fallback).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(fallbacksCounted()).toEqual([]);
  });

  it('forces the one tool with the reading’s schema, at temperature 0, sending the reply and its day only', async () => {
    // Prepare: a credential in the environment, as in Lambda, must not travel in the request.
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI-not-a-real-secret');
    bedrock.on(ConverseCommand).resolves(toolCall({ intent: 'interested', confidence: 0.9 }));

    // Act
    await classifier()(REPLY, OPTIONS);

    // Assess
    expect(bedrock).toHaveReceivedCommandTimes(ConverseCommand, 1);
    const input = bedrock.commandCalls(ConverseCommand)[0]?.args[0].input as ConverseCommandInput;
    expect(Object.keys(input).sort()).toEqual([
      'inferenceConfig',
      'messages',
      'modelId',
      'system',
      'toolConfig',
    ]);
    expect(input.modelId).toBe(MODEL_ID);
    expect(input.toolConfig).toEqual({
      tools: [
        {
          toolSpec: {
            name: REPLY_TOOL_NAME,
            description: expect.any(String),
            inputSchema: { json: replyToolInputSchema() },
          },
        },
      ],
      toolChoice: { tool: { name: REPLY_TOOL_NAME } },
    });
    expect(input.inferenceConfig?.temperature).toBe(0);
    expect(input.inferenceConfig?.maxTokens).toBeLessThanOrEqual(300);
    expect(input.messages).toEqual([{ role: 'user', content: [{ text: REPLY }] }]);
    const system = (input.system ?? []).map((block) => block.text).join('\n');
    expect(system).toContain('Tuesday 2026-04-14 in the lead’s time zone Europe/Berlin');
    expect(system).toContain('- not_now: ');
    expect(JSON.stringify(input)).not.toContain('not-a-real-secret');
  });

  it('falls back when no answer comes within the timeout, aborting the request', async () => {
    // Prepare: a model that answers after 10 s; the clock is moved by hand.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    bedrock
      .on(ConverseCommand)
      .callsFake(
        () =>
          new Promise((resolve) =>
            setTimeout(() => resolve(toolCall({ intent: 'interested', confidence: 1 })), 10_000),
          ),
      );

    // Act
    const reading = classifier()(REPLY, OPTIONS);
    await vi.advanceTimersByTimeAsync(DEFAULT_REPLY_CLASSIFIER_TIMEOUT_MS - 1);
    expect(fallback).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);

    // Assess
    expectFellBack(await reading, 'TimeoutError', 'transient');
    // aws-sdk-client-mock types `send` with the command only; the options are its second argument.
    const [, sendOptions] = (bedrock.commandCalls(ConverseCommand)[0]?.args ?? []) as unknown[] as [
      unknown,
      { abortSignal?: AbortSignal } | undefined,
    ];
    expect(sendOptions?.abortSignal?.aborted).toBe(true);
  });

  it('falls back when Bedrock throttles', async () => {
    // Prepare
    bedrock
      .on(ConverseCommand)
      .rejects(new ThrottlingException({ message: 'Too many requests', $metadata: {} }));

    // Act
    const reading = await classifier()(REPLY, OPTIONS);

    // Assess
    expectFellBack(reading, 'ThrottlingException', 'transient');
  });

  it('falls back when the account may not use the model, counted for an operator', async () => {
    // Prepare: what Bedrock answers while model access is not enabled.
    bedrock
      .on(ConverseCommand)
      .rejects(new AccessDeniedException({ message: 'You don’t have access to the model', $metadata: {} }));

    // Act
    const reading = await classifier()(REPLY, OPTIONS);

    // Assess
    expectFellBack(reading, 'AccessDeniedException', 'rejected');
  });

  it.each([
    ['an intent outside the list', toolCall({ intent: 'maybe_later', confidence: 0.7 })],
    ['a field the schema does not have', toolCall({ intent: 'interested', confidence: 0.7, mood: 'happy' })],
    ['a date before the reply', toolCall({ intent: 'not_now', confidence: 0.7, until: '2026-01-15' })],
    ['a call of another tool', toolCall({ intent: 'interested', confidence: 0.7 }, 'other_tool')],
    [
      'text instead of the tool call',
      {
        output: { message: { role: 'assistant', content: [{ text: 'The lead is interested.' }] } },
        stopReason: 'end_turn',
        $metadata: {},
      } as ConverseCommandOutput,
    ],
    [
      'a call cut off at maxTokens',
      {
        ...toolCall({ intent: 'interested', confidence: 0.7 }),
        stopReason: 'max_tokens',
      } as ConverseCommandOutput,
    ],
  ])('falls back on an answer with %s', async (_, answer) => {
    // Prepare
    bedrock.on(ConverseCommand).resolves(answer);

    // Act
    const reading = await classifier()(REPLY, OPTIONS);

    // Assess
    expectFellBack(reading, 'InvalidToolAnswerError', 'unexpected');
  });

  it('leaves a blank reply to the fallback without asking the model', async () => {
    // Act
    const reading = await classifier()('  \n ', OPTIONS);

    // Assess
    expect(reading).toEqual(RULES_READING);
    expect(bedrock).not.toHaveReceivedCommand(ConverseCommand);
    expect(warn).not.toHaveBeenCalled();
  });

  it('sends at most the first 4,000 characters of a long reply', async () => {
    // Prepare
    bedrock.on(ConverseCommand).resolves(toolCall({ intent: 'question', confidence: 0.8 }));

    // Act
    await classifier()('x'.repeat(10_000), OPTIONS);

    // Assess
    const input = bedrock.commandCalls(ConverseCommand)[0]?.args[0].input as ConverseCommandInput;
    expect(input.messages?.[0]?.content?.[0]?.text).toHaveLength(4000);
  });
});

describe('the reply classifier a function is configured with', () => {
  it('is the rules by default, and Bedrock with its model id when chosen', () => {
    // Act
    const rules = replyClassifierSettings({ REPLY_CLASSIFIER: 'rules', REPLY_CLASSIFIER_MODEL_ID: MODEL_ID });
    const chosen = replyClassifierSettings({
      REPLY_CLASSIFIER: 'bedrock',
      REPLY_CLASSIFIER_MODEL_ID: MODEL_ID,
    });

    // Assess
    expect(rules).toEqual({ kind: 'rules' });
    expect(chosen).toEqual({ kind: 'bedrock', modelId: MODEL_ID });
    expect(configuredReplyClassifier(rules)).toBe(rulesReplyClassifier);
  });

  it('refuses Bedrock without a model id, naming the variable', () => {
    // Act
    const read = () =>
      replyClassifierSettings({ REPLY_CLASSIFIER: 'bedrock', REPLY_CLASSIFIER_MODEL_ID: ' ' });

    // Assess
    expect(read).toThrow(/REPLY_CLASSIFIER_MODEL_ID: missing/);
  });

  it('asks the configured model, and the rules when it fails', async () => {
    // Prepare
    bedrock
      .on(ConverseCommand)
      .rejects(new ThrottlingException({ message: 'Too many requests', $metadata: {} }));
    const classify = configuredReplyClassifier({ kind: 'bedrock', modelId: 'eu.amazon.nova-micro-v1:0' });

    // Act
    const reading = await classify(REPLY, OPTIONS);

    // Assess: the rules' reading (here the placeholder's, until the rules classifier is merged).
    expect(bedrock).toHaveReceivedCommandWith(ConverseCommand, { modelId: 'eu.amazon.nova-micro-v1:0' });
    expect(reading).toEqual(await rulesReplyClassifier(REPLY, OPTIONS));
  });
});
