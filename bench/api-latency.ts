/**
 * Measurement 3: warm latency of two API calls through the local HTTP server (the same API Gateway
 * events and handlers as in AWS) against DynamoDB Local, set beside one raw GetItem round trip to the
 * same DynamoDB Local, so the figures say how many "database round trips" a request costs rather
 * than how fast this laptop is. The three are sampled round-robin, so they share the same conditions
 * (JIT, garbage collection, a table that grows as leads are added).
 */
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local';
import type { Api } from './local-api';
import { createAssistant, createEmailMessage, createSequence, leadRow } from './org-setup';
import type { Counts, RequestCounter } from './request-counter';

export interface LatencySummary {
  samples: number;
  p50: number;
  p99: number;
  mean: number;
}

export interface ApiLatencyResult {
  warmup: number;
  /** `GET /sequences`: the system sequences and the org's own (one Query), and the org settings (one GetItem). */
  listSequences: LatencySummary;
  /** `POST /leads`: reads, a CreateSchedule and a TransactWriteItems. */
  createLead: LatencySummary;
  /** One GetItem (consistent read) of an existing item, by a plain DynamoDBClient. */
  rawGetItem: LatencySummary;
  /** The AWS requests (HTTP, by `service:operation`) one warm call of each made. */
  requestsPerCall: { listSequences: Counts; createLead: Counts };
}

export interface ApiLatencyOptions {
  counter: RequestCounter;
  signIn: (orgId: string) => Promise<Api>;
  warmup: number;
  samples: number;
}

const ORG = 'bench-latency';

export async function measureApiLatency(options: ApiLatencyOptions): Promise<ApiLatencyResult> {
  const api = await options.signIn(ORG);
  const assistantId = await createAssistant(api, ORG);
  const introId = await createEmailMessage(api, 'Intro');
  const sequence = await createSequence(api, 'Latency', [
    { afterDays: 0, channel: 'email', messageType: 'custom', messageId: introId },
    { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
  ]);
  for (const name of ['Europe', 'Americas', 'Short']) {
    await createSequence(api, name, [
      { afterDays: 0, channel: 'email', messageType: 'generated', tone: 'candid' },
    ]);
  }

  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  const tableName = process.env.TABLE_NAME;
  if (!endpoint || !tableName)
    throw new Error('The local stack sets AWS_ENDPOINT_URL_DYNAMODB and TABLE_NAME');
  const raw = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  const { assistantKey } = await import('../lambdas/data/assistants');
  const key = assistantKey(ORG, assistantId);
  const getItem = new GetItemCommand({
    TableName: tableName,
    Key: { pk: { S: key.pk }, sk: { S: key.sk } },
    ConsistentRead: true,
  });

  let leadIndex = 0;
  const probes = {
    rawGetItem: async () => {
      const { Item } = await raw.send(getItem);
      if (!Item) throw new Error('The raw GetItem found no item');
    },
    listSequences: () => api.expect(200, z.unknown(), 'GET', '/sequences'),
    createLead: () =>
      api.expect(
        201,
        z.unknown(),
        'POST',
        '/leads',
        leadRow('latency', leadIndex++, { assistantId, sequenceId: sequence.id }),
      ),
  };
  // One warm call of each alone, to say what a request costs in AWS requests.
  await probes.listSequences();
  await probes.createLead();
  const requestsOf = async (probe: () => Promise<unknown>) => {
    options.counter.reset();
    await probe();
    return options.counter.snapshot().attempts;
  };
  const requestsPerCall = {
    listSequences: await requestsOf(probes.listSequences),
    createLead: await requestsOf(probes.createLead),
  };

  const timings = { rawGetItem: [] as number[], listSequences: [] as number[], createLead: [] as number[] };
  try {
    for (let round = 0; round < options.warmup + options.samples; round += 1) {
      for (const [name, probe] of Object.entries(probes) as Array<
        [keyof typeof probes, () => Promise<unknown>]
      >) {
        const started = performance.now();
        await probe();
        if (round >= options.warmup) timings[name].push(performance.now() - started);
      }
    }
  } finally {
    raw.destroy();
  }
  return {
    warmup: options.warmup,
    listSequences: summarize(timings.listSequences),
    createLead: summarize(timings.createLead),
    rawGetItem: summarize(timings.rawGetItem),
    requestsPerCall,
  };
}

/** Nearest-rank percentiles, in milliseconds. */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (fraction: number) => sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { samples: sorted.length, p50: at(0.5), p99: at(0.99), mean };
}
