/**
 * Warm latency of every read route and of POST /leads, each next to the raw DynamoDB requests it makes,
 * issued directly by the same SDK in the same run.
 *
 * Each route's handler is invoked as Lambda invokes it (the API Gateway event, after the authorizer:
 * the JWT's check is API Gateway's work, not the function's) against DynamoDB Local. A middleware on the
 * handlers' DynamoDB client records the requests one warm call makes, as sent (marshalled); the raw
 * probe replays exactly those, one after another, on a plain DynamoDBClient. Route and raw probe are
 * sampled in turns, so both see the same machine. POST /leads also makes its CreateSchedule (to the
 * local scheduler emulator), which its raw probe replays on a plain SchedulerClient.
 */
import * as dynamodb from '@aws-sdk/client-dynamodb';
import * as scheduler from '@aws-sdk/client-scheduler';
import type { Handler } from 'aws-lambda';
import * as z from 'zod';
import type { ApiEvent, ApiResponse } from '../lambdas/http/api-handler';
import { operations, routeKey } from '../lambdas/http/contract';
import { apiGatewayEvent, lambdaContext } from '../local/api-gateway-event';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../local/dynamodb-local';
import type { Api } from './local-api';
import { createAssistant, createEmailMessage, createSequence, leadRow } from './org-setup';

export interface RouteLatency {
  /** `GET /sequences`, ... */
  route: string;
  /** The AWS requests one warm call makes, e.g. `Query`, `BatchGetItem + TransactWriteItems + CreateSchedule`. */
  requests: string[];
  p50: number;
  rawP50: number;
  ratio: number;
}

export interface RouteLatencyResult {
  warmup: number;
  samples: number;
  routes: RouteLatency[];
}

/** The goal of issue #11 for warm requests: within 1.3 x their raw requests. */
export const WARM_GOAL = 1.3;

const ORG = 'bench-routes';
const CALLER = { sub: 'bench', org_id: ORG, role: 'admin' };

interface Recorded {
  service: 'DynamoDB' | 'Scheduler';
  command: string;
  input: unknown;
}

type Probe = () => Promise<unknown>;

export async function measureRouteLatency(options: {
  signIn: (orgId: string) => Promise<Api>;
  warmup: number;
  samples: number;
  log: (line: string) => void;
}): Promise<RouteLatencyResult> {
  const api = await options.signIn(ORG);
  const assistantId = await createAssistant(api, ORG);
  const messageId = await createEmailMessage(api, 'Intro');
  const sequence = await createSequence(api, 'Routes', [
    { afterDays: 0, channel: 'email', messageType: 'custom', messageId },
    { afterDays: 3, channel: 'email', messageType: 'generated', tone: 'gentle' },
  ]);
  const leads = [];
  for (let index = 0; index < 20; index += 1) {
    leads.push(
      await api.expect(
        201,
        z.object({ id: z.string() }),
        'POST',
        '/leads',
        leadRow('routes', index, { assistantId, sequenceId: sequence.id }),
      ),
    );
  }
  const leadId = leads[0]?.id ?? '';

  const [{ db }, { schedulerClient }] = await Promise.all([
    import('../lambdas/data/client'),
    import('../lambdas/adapters/step-scheduler'),
  ]);
  let recording: Recorded[] | undefined;
  const record = (service: Recorded['service']) => ({
    middleware:
      (next: (args: { input: unknown }) => Promise<unknown>, context: { commandName?: string }) =>
      async (args: { input: unknown }) => {
        recording?.push({ service, command: context.commandName ?? '', input: structuredClone(args.input) });
        return next(args);
      },
    // After lib-dynamodb's marshalling (just before the serializer): the input as DynamoDB receives it.
    options: { step: 'build', priority: 'high', name: `benchRecord${service}` } as const,
  });
  const dynamoRecorder = record('DynamoDB');
  db.middlewareStack.add(dynamoRecorder.middleware as never, dynamoRecorder.options);
  const schedulerRecorder = record('Scheduler');
  (await schedulerClient()).middlewareStack.add(
    schedulerRecorder.middleware as never,
    schedulerRecorder.options,
  );

  const rawDynamo = new dynamodb.DynamoDBClient({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const rawScheduler = new scheduler.SchedulerClient({
    endpoint: process.env.AWS_ENDPOINT_URL_SCHEDULER,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });

  const handlers = new Map<string, Handler<ApiEvent, ApiResponse>>();
  const handlerOf = async (fn: string) => {
    let handler = handlers.get(fn);
    if (!handler) {
      handler = ((await import(`../lambdas/${fn}-api.ts`)) as { handler: Handler<ApiEvent, ApiResponse> })
        .handler;
      handlers.set(fn, handler);
    }
    return handler;
  };

  const cases: {
    id: keyof typeof operations;
    params?: Record<string, string>;
    body?: () => unknown;
    status: number;
  }[] = [
    { id: 'listSequences', status: 200 },
    { id: 'getSequence', params: { id: sequence.id }, status: 200 },
    { id: 'listMessages', status: 200 },
    { id: 'getMessage', params: { id: messageId }, status: 200 },
    { id: 'listAssistants', status: 200 },
    { id: 'getAssistant', params: { id: assistantId }, status: 200 },
    { id: 'getOrgSettings', status: 200 },
    { id: 'getWhatsApp', status: 200 },
    { id: 'listUsers', status: 200 },
    { id: 'listLeads', status: 200 },
    { id: 'getLead', params: { id: leadId }, status: 200 },
    { id: 'leadTimeline', params: { id: leadId }, status: 200 },
  ];
  let created = 0;
  cases.push({
    id: 'createLead',
    body: () => leadRow('routes-new', created++, { assistantId, sequenceId: sequence.id }),
    status: 201,
  });

  const routes: RouteLatency[] = [];
  for (const { id, params = {}, body, status } of cases) {
    const operation = operations[id];
    const handler = await handlerOf(operation.fn);
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? '');
    const probe: Probe = async () => {
      const event = apiGatewayEvent(
        { routeKey: routeKey(operation), pathParameters: params },
        {
          method: operation.method,
          url: path,
          headers: { 'content-type': 'application/json' },
          body: body ? JSON.stringify(body()) : undefined,
          claims: CALLER,
        },
      );
      const answer = (await handler(event, lambdaContext(`bench-${operation.fn}`), () => {})) as ApiResponse;
      if (answer.statusCode !== status)
        throw new Error(`${routeKey(operation)} answered ${answer.statusCode}`);
    };
    // A warm call, then one recorded: the requests the route makes once warm.
    await probe();
    recording = [];
    await probe();
    const requests = recording;
    recording = undefined;
    const raw: Probe = async () => {
      for (const { service, command, input } of requests) {
        if (service === 'DynamoDB') {
          const Command = (
            dynamodb as unknown as Record<string, new (input: unknown) => dynamodb.GetItemCommand>
          )[command];
          if (!Command) throw new Error(`No DynamoDB command ${command}`);
          await rawDynamo.send(new Command(rawInput(command, input)));
        } else {
          const Command = (
            scheduler as unknown as Record<string, new (input: unknown) => scheduler.CreateScheduleCommand>
          )[command];
          if (!Command) throw new Error(`No scheduler command ${command}`);
          await rawScheduler.send(new Command(rawInput(command, input)));
        }
      }
    };
    const timings = { route: [] as number[], raw: [] as number[] };
    for (let round = 0; round < options.warmup + options.samples; round += 1) {
      for (const [name, run] of [
        ['route', probe],
        ['raw', raw],
      ] as const) {
        const started = performance.now();
        await run();
        if (round >= options.warmup) timings[name].push(performance.now() - started);
      }
    }
    const figure: RouteLatency = {
      route: routeKey(operation),
      requests: requests.map(({ command }) => command.replace(/Command$/, '')),
      p50: p50(timings.route),
      rawP50: p50(timings.raw),
      ratio: p50(timings.route) / p50(timings.raw),
    };
    routes.push(figure);
    options.log(
      `${figure.route}: p50 ${figure.p50.toFixed(2)} ms, raw ${figure.requests.join(' + ') || 'nothing'} ${figure.rawP50.toFixed(2)} ms: ${figure.ratio.toFixed(2)} x`,
    );
  }
  rawDynamo.destroy();
  rawScheduler.destroy();
  return { warmup: options.warmup, samples: options.samples, routes };
}

/** Replays must not collide with what they replay: a schedule or an item of its own per call. */
let replays = 0;
function rawInput(command: string, input: unknown): unknown {
  replays += 1;
  if (command === 'CreateScheduleCommand') {
    const schedule = input as { Name: string };
    return { ...schedule, Name: `${schedule.Name.slice(0, 40)}-raw-${replays}` };
  }
  if (command === 'TransactWriteItemsCommand') {
    // The new lead's items (its key, its e-mail reservation) must not exist yet: the replay writes them
    // under a lead id and an address of its own, with the same conditions and sizes. Only the lead's id
    // changes: the other ids (the sequence its open-check names, the assistant) must still exist.
    const text = JSON.stringify(input);
    const leadId = /"S":"LEAD#([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/.exec(
      text,
    )?.[1];
    if (!leadId) throw new Error('POST /leads wrote no lead item to replay');
    return JSON.parse(
      text
        .replaceAll(leadId, `${leadId.slice(0, 24)}${String(replays).padStart(12, '0')}`)
        .replaceAll(/routes-new-\d+@/g, `routes-raw-${replays}@`),
    );
  }
  return input;
}

function p50(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(0.5 * sorted.length) - 1)] ?? Number.NaN;
}
