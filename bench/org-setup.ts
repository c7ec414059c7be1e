/**
 * What the scenarios set up through the API before measuring: an org's assistant, custom messages,
 * sequences and leads. Every scenario uses its own org, so their leads and schedules never mix.
 */
import * as z from 'zod';
import type { Api } from './local-api';

const Created = z.object({ id: z.string() });
const CreatedSequence = z.object({ id: z.string(), version: z.number().int() });
const BatchAnswer = z.object({
  items: z.array(
    z.object({
      index: z.number().int(),
      status: z.number().int(),
      lead: Created.optional(),
      error: z
        .object({ details: z.object({ existingLeadId: z.string().optional() }).loose().optional() })
        .optional(),
    }),
  ),
});

export interface StepInput {
  afterDays: number;
  channel: 'email' | 'whatsapp';
  messageType: 'custom' | 'generated';
  tone?: string;
  messageId?: string;
}

/**
 * An assistant in UTC that may send every day from 06:00 to 22:00 with the highest daily limit, so
 * the figures measure sending, not deferrals to the next business day.
 */
export async function createAssistant(api: Api, orgId: string): Promise<string> {
  const assistant = await api.expect(201, Created, 'POST', '/assistants', {
    name: 'Bench Assistant',
    // Assistant addresses receive replies, so each belongs to one assistant only.
    email: `assistant@${orgId}.bench.example`,
    timezone: 'UTC',
    businessHours: { start: '06:00', end: '22:00', days: [1, 2, 3, 4, 5, 6, 7] },
    dailyLimit: 2000,
  });
  return assistant.id;
}

export async function createEmailMessage(api: Api, name: string): Promise<string> {
  const message = await api.expect(201, Created, 'POST', '/messages', {
    name,
    channel: 'email',
    email: {
      subject: 'A quick idea for {{lead.company|your team}}',
      html: '<p>Hi {{lead.firstName}},</p><p>One idea for {{lead.company|your team}}.</p>',
    },
  });
  return message.id;
}

export async function createSequence(
  api: Api,
  name: string,
  steps: StepInput[],
): Promise<{ id: string; version: number }> {
  return api.expect(201, CreatedSequence, 'POST', '/sequences', { name, steps });
}

/** A lead row for `POST /leads`: unique e-mail (or phone) per index, on the given assistant and sequence. */
export function leadRow(
  tag: string,
  index: number,
  target: { assistantId: string; sequenceId: string },
  channel: 'email' | 'whatsapp' = 'email',
): Record<string, unknown> {
  return {
    firstName: `Lead${index}`,
    lastName: 'Bench',
    company: `Company ${index % 97}`,
    ...(channel === 'email'
      ? { email: `${tag}-${index}@leads.bench.example` }
      : { phone: `+49151${String(index).padStart(8, '0')}` }),
    timezone: 'UTC',
    ...target,
  };
}

export interface CreatedLeads {
  ids: string[];
  /** Wall time of each `POST /leads/batch` call that answered 200, with its row count. */
  calls: Array<{ rows: number; ms: number }>;
  /** Calls that answered 5xx (the local Lambda's 10 s ran out) and were sent again in halves. */
  timedOutCalls: number;
}

const BATCH_SIZE = 500;
/** Below this a batch that still runs out of time is a failure, not a slow machine. */
const SMALLEST_BATCH = 50;
/** Lets the rows of a timed-out call, which its Lambda keeps creating, finish before they are sent again. */
const PAUSE_AFTER_TIMEOUT_MS = 5000;

/**
 * Creates `rows` through `POST /leads/batch`, 500 per call; every row must end up created. A call that
 * runs out of time answers 500 while its rows go on being created, so its rows are sent again in two
 * halves: rows created meanwhile then answer 409 with the existing lead's id, which counts as created.
 */
export async function createLeads(
  api: Api,
  rows: Record<string, unknown>[],
  onBatch?: (created: number) => void,
): Promise<CreatedLeads> {
  const result: CreatedLeads = { ids: [], calls: [], timedOutCalls: 0 };
  const send = async (batch: Record<string, unknown>[], resent: boolean): Promise<string[]> => {
    const started = performance.now();
    const answer = await api.call('POST', '/leads/batch', { leads: batch });
    if (answer.status >= 500 && batch.length >= 2 * SMALLEST_BATCH) {
      result.timedOutCalls += 1;
      await new Promise((done) => setTimeout(done, PAUSE_AFTER_TIMEOUT_MS));
      const half = Math.ceil(batch.length / 2);
      return [...(await send(batch.slice(0, half), true)), ...(await send(batch.slice(half), true))];
    }
    if (answer.status !== 200) {
      throw new Error(
        `POST /leads/batch answered ${answer.status}: ${JSON.stringify(answer.body).slice(0, 500)}`,
      );
    }
    result.calls.push({ rows: batch.length, ms: performance.now() - started });
    return BatchAnswer.parse(answer.body).items.map((item) => {
      const existing = resent && item.status === 409 ? item.error?.details?.existingLeadId : undefined;
      const id = item.status === 201 ? item.lead?.id : existing;
      if (!id)
        throw new Error(
          `Lead row ${JSON.stringify(batch[item.index])} was not created: ${JSON.stringify(item)}`,
        );
      return id;
    });
  };
  for (let start = 0; start < rows.length; start += BATCH_SIZE) {
    result.ids.push(...(await send(rows.slice(start, start + BATCH_SIZE), false)));
    onBatch?.(result.ids.length);
  }
  return result;
}
