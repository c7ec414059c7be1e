/**
 * The optional reply classifier backed by a model on Amazon Bedrock (issue #23; chosen with the CDK
 * context `followup:replyClassifier=bedrock`, lib/reply-classifier.ts). One Converse request a reply: the
 * instructions and the reply's day and zone as system text, the reply's own text as the user message,
 * and one tool the model must call (`toolChoice`), whose input schema is the reading's
 * (core/reply-classifier.ts). Any failure — no answer within the timeout, throttling, access not
 * enabled, an answer that does not fit — hands the reply to the fallback (the rules classifier), logs a
 * warning naming the error and the model (never the reply: it is personal data) and counts
 * `ReplyClassifierFallbacks`: a reply is always read, Bedrock only reads it better when it answers.
 *
 * The SDK and the answer's schema load with the first reply read this way, so a function configured for
 * the rules alone (the default) never loads either.
 */
import type {
  BedrockRuntimeClient,
  ConverseCommandInput,
  ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type { DocumentType } from '@smithy/types';
import type {
  ReplyClassifier,
  ReplyReading as ReplyIntentReading,
  ReplyReadingOptions,
} from '../core/replies';
import { countEvent, logger } from '../runtime/observability';
import { traceClient } from '../runtime/tracing';
import { TRANSIENT_BEDROCK_ERRORS, withinTimeout } from './bedrock-converse';
import { onFirstUse } from './on-first-use';

/** How long a reply waits for the model before the rules read it instead. */
export const DEFAULT_REPLY_CLASSIFIER_TIMEOUT_MS = 3000;

/** The tool call is about 60 tokens; the room above that is for models that write a word before it. */
const MAX_ANSWER_TOKENS = 300;

export interface BedrockReplyClassifierOptions {
  /** A foundation model id (`amazon.nova-micro-v1:0`) or a cross-Region inference profile id (`eu.…`). */
  modelId: string;
  timeoutMs?: number;
  /** Reads the reply when the model does not: the rules classifier. */
  fallback: ReplyClassifier;
  /** For tests; by default one client made on first use. */
  client?: BedrockRuntimeClient;
}

const sdk = () => import('@aws-sdk/client-bedrock-runtime');
const answers = () => import('../core/reply-classifier');
type Prompt = Awaited<ReturnType<typeof answers>>;

// One attempt: a retry after throttling rarely fits in the timeout, and the rules answer at once.
const defaultClient = onFirstUse(async () =>
  traceClient(new (await sdk()).BedrockRuntimeClient({ maxAttempts: 1 })),
);

export function bedrockReplyClassifier(options: BedrockReplyClassifierOptions): ReplyClassifier {
  const { modelId, fallback } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_REPLY_CLASSIFIER_TIMEOUT_MS;
  const given = options.client;
  const client = given ? async () => given : defaultClient;
  return async (text, reading) => {
    // Nothing to read (Converse refuses a blank message): the rules say what an empty reply is.
    if (!text.trim()) return fallback(text, reading);
    try {
      return await withinTimeout(timeoutMs, (signal) => askModel(client, modelId, text, reading, signal));
    } catch (error) {
      const name = error instanceof Error ? error.name : typeof error;
      logger.warn('The reply classifier fell back to the rules', { error: name, modelId });
      countEvent('ReplyClassifierFallbacks', { kind: fallbackKind(error) });
      return fallback(text, reading);
    }
  };
}

async function askModel(
  client: () => Promise<BedrockRuntimeClient>,
  modelId: string,
  text: string,
  reading: ReplyReadingOptions,
  abortSignal: AbortSignal,
): Promise<ReplyIntentReading> {
  const [{ ConverseCommand }, prompt] = await Promise.all([sdk(), answers()]);
  const output = await (await client()).send(
    new ConverseCommand(converseRequest(prompt, modelId, text, reading)),
    { abortSignal },
  );
  return prompt.readToolAnswer(toolInput(output, prompt), reading);
}

/** The Converse request for one reply: nothing about the lead but the reply, its day and zone, its language and subject. */
function converseRequest(
  prompt: Prompt,
  modelId: string,
  text: string,
  reading: ReplyReadingOptions,
): ConverseCommandInput {
  return {
    modelId,
    system: [{ text: prompt.replyClassifierInstructions() }, { text: prompt.replyReadingContext(reading) }],
    messages: [{ role: 'user', content: [{ text: text.slice(0, prompt.MAX_REPLY_CHARACTERS) }] }],
    toolConfig: {
      tools: [
        {
          toolSpec: {
            name: prompt.REPLY_TOOL_NAME,
            description: prompt.REPLY_TOOL_DESCRIPTION,
            inputSchema: { json: prompt.replyToolInputSchema() as DocumentType },
          },
        },
      ],
      toolChoice: { tool: { name: prompt.REPLY_TOOL_NAME } },
    },
    // Deterministic: the same reply gets the same label.
    inferenceConfig: { temperature: 0, maxTokens: MAX_ANSWER_TOKENS },
  };
}

/** The input of the model's call of our tool; anything else is an answer we cannot use. */
function toolInput(output: ConverseCommandOutput, prompt: Prompt): unknown {
  if (output.stopReason === 'max_tokens') {
    throw new prompt.InvalidToolAnswerError('The answer was cut off at maxTokens');
  }
  const call = output.output?.message?.content?.find(
    (block) => block.toolUse?.name === prompt.REPLY_TOOL_NAME,
  )?.toolUse;
  if (!call) throw new prompt.InvalidToolAnswerError('The answer holds no call of the tool');
  return call.input;
}

/**
 * The `kind` dimension of ReplyClassifierFallbacks, in the words of ProviderErrorsByKind
 * (docs/operations.md): `transient` passes by itself; `rejected` needs an operator (model access not
 * enabled in the account, a wrong model id, a request the model refuses); `unexpected` is an answer
 * that does not fit the tool's schema; `unknown` anything else.
 */
function fallbackKind(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  if (TRANSIENT_BEDROCK_ERRORS.has(name)) return 'transient';
  if (name === 'InvalidToolAnswerError') return 'unexpected';
  if ((error as { $fault?: string } | undefined)?.$fault === 'client') return 'rejected';
  if ((error as { $fault?: string } | undefined)?.$fault === 'server') return 'transient';
  return 'unknown';
}
