/**
 * The optional follow-up writer backed by a model on Amazon Bedrock (issue #26; chosen with the CDK
 * context `followup:writer=bedrock`, lib/followup-writer.ts). One Converse request a step: the writing
 * instructions as system text, the org's offering, the lead and the thread so far as the user message,
 * and one tool the model must call (`toolChoice`) with `{subject, body}` (core/rendering/model-drafts.ts).
 * This module only asks: the guardrails that judge the answer, and the bank's text when the model fails
 * or is refused, are the core's and the engine's (modelWriter, engine/drafting.ts).
 *
 * The SDK loads with the first step written this way, so a sender configured for the bank (the
 * default) never loads it.
 */
import type {
  BedrockRuntimeClient,
  ConverseCommandInput,
  ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import type { DraftText } from '../core/rendering/draft-guardrails';
import type { FollowupWriter, GeneratedMessage } from '../core/rendering/followup-writer';
import {
  InvalidDraftAnswerError,
  type ModelRequest,
  modelWriter,
  readDraftAnswer,
  WRITER_TOOL_DESCRIPTION,
  WRITER_TOOL_NAME,
  writerContext,
  writerInstructions,
  writerToolInputSchema,
} from '../core/rendering/model-drafts';
import { traceClient } from '../runtime/tracing';
import { withinTimeout } from './bedrock-converse';
import { onFirstUse } from './on-first-use';

/**
 * How long a step waits for the model before the bank writes it: well inside the sender's 30 s, and
 * above the 2-5 s a short e-mail of ~250 tokens takes a small model on demand.
 */
export const DEFAULT_WRITER_TIMEOUT_MS = 8000;

/** A 150-word e-mail is about 250 tokens in English, up to ~400 in German or French, plus the call. */
const MAX_ANSWER_TOKENS = 1000;

export interface BedrockFollowupWriterOptions {
  /** A foundation model id (`amazon.nova-lite-v1:0`) or a cross-Region inference profile id (`eu.…`). */
  modelId: string;
  timeoutMs?: number;
  /** For tests; by default one client made on first use. */
  client?: BedrockRuntimeClient;
}

const sdk = () => import('@aws-sdk/client-bedrock-runtime');

// One attempt: a retry after throttling rarely fits in the timeout, and the bank writes at once.
const defaultClient = onFirstUse(async () =>
  traceClient(new (await sdk()).BedrockRuntimeClient({ maxAttempts: 1 })),
);

export function bedrockFollowupWriter(
  options: BedrockFollowupWriterOptions,
): FollowupWriter<Promise<GeneratedMessage>> {
  const { modelId } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_WRITER_TIMEOUT_MS;
  const given = options.client;
  const client = given ? async () => given : defaultClient;
  return modelWriter((request) =>
    withinTimeout(timeoutMs, (signal) => askModel(client, modelId, request, signal)),
  );
}

async function askModel(
  client: () => Promise<BedrockRuntimeClient>,
  modelId: string,
  request: ModelRequest,
  abortSignal: AbortSignal,
): Promise<DraftText> {
  const { ConverseCommand } = await sdk();
  const output = await (await client()).send(new ConverseCommand(converseRequest(modelId, request)), {
    abortSignal,
  });
  return readDraftAnswer(toolInput(output));
}

export function converseRequest(modelId: string, request: ModelRequest): ConverseCommandInput {
  return {
    modelId,
    system: [{ text: writerInstructions(request) }],
    messages: [{ role: 'user', content: [{ text: writerContext(request) }] }],
    toolConfig: {
      tools: [
        {
          toolSpec: {
            name: WRITER_TOOL_NAME,
            description: WRITER_TOOL_DESCRIPTION,
            inputSchema: { json: writerToolInputSchema() as DocumentType },
          },
        },
      ],
      toolChoice: { tool: { name: WRITER_TOOL_NAME } },
    },
    // Some variety between leads, but no wandering: the guardrails refuse what wanders.
    inferenceConfig: { temperature: 0.5, maxTokens: MAX_ANSWER_TOKENS },
  };
}

function toolInput(output: ConverseCommandOutput): unknown {
  if (output.stopReason === 'max_tokens')
    throw new InvalidDraftAnswerError('The answer was cut off at maxTokens');
  const call = output.output?.message?.content?.find(
    (block) => block.toolUse?.name === WRITER_TOOL_NAME,
  )?.toolUse;
  if (!call) throw new InvalidDraftAnswerError('The answer holds no call of the tool');
  return call.input;
}
