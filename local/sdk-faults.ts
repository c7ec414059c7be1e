/**
 * Plays the fault registry's rules on AWS SDK v3 clients. One middleware per client sits in the
 * deserialize step below the SDK's deserializer, so it runs once per attempt inside the retry loop:
 * a faked error answer goes through the real deserializer and becomes the real exception class, and the
 * SDK's own retry strategy treats it exactly as it would in AWS. A timeout after the service accepted
 * the call lets the request through, then throws what @smithy/node-http-handler throws when a socket
 * times out (an Error named TimeoutError), which the SDK retries as a transient error.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeserializeHandlerOutput, DeserializeMiddleware, MiddlewareStack } from '@smithy/types';
import type { CallFaultKind, FaultRegistry, FaultService, FiredFault } from './faults';

export type SdkFaultService = Exclude<FaultService, 'sinch'>;

const CALL_FAULTS: readonly CallFaultKind[] = ['error', 'throttle', 'timeout-after-accept', 'latency'];

interface ErrorAnswer {
  status: number;
  /** The error shape name the SDK maps to its exception class. */
  type: string;
}

/**
 * What each service answers, by its protocol: DynamoDB (JSON 1.0) and Secrets Manager (JSON 1.1) name
 * the error in `__type`, SQS (JSON 1.0, query-compatible) also in `x-amzn-query-error`, SES v2 and
 * Scheduler (REST-JSON) in `x-amzn-errortype`. The names are the SDKs' modelled exceptions, except SQS's
 * InternalError and Secrets Manager's ThrottlingException, which the SDKs leave unmodelled (they arrive
 * as the service's base exception with that name, and the retry strategy still recognises them).
 */
const ANSWERS: Record<SdkFaultService, { error: ErrorAnswer; throttle: ErrorAnswer; protocol: Protocol }> = {
  dynamodb: {
    error: { status: 500, type: 'com.amazonaws.dynamodb.v20120810#InternalServerError' },
    throttle: { status: 400, type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException' },
    protocol: 'json1.0',
  },
  sqs: {
    error: { status: 500, type: 'com.amazonaws.sqs#InternalError' },
    throttle: { status: 400, type: 'com.amazonaws.sqs#RequestThrottled' },
    protocol: 'sqs',
  },
  secretsmanager: {
    error: { status: 500, type: 'InternalServiceError' },
    throttle: { status: 400, type: 'ThrottlingException' },
    protocol: 'json1.1',
  },
  ses: {
    error: { status: 500, type: 'InternalServiceErrorException' },
    throttle: { status: 429, type: 'TooManyRequestsException' },
    protocol: 'rest-json',
  },
  scheduler: {
    error: { status: 500, type: 'InternalServerException' },
    throttle: { status: 429, type: 'ThrottlingException' },
    protocol: 'rest-json',
  },
};

type Protocol = 'json1.0' | 'json1.1' | 'sqs' | 'rest-json';

/** An HttpResponse as the node handler hands it to the deserializer (the body may be any byte array). */
function errorResponse(service: SdkFaultService, answer: ErrorAnswer) {
  const { protocol } = ANSWERS[service];
  const shortName = answer.type.slice(answer.type.indexOf('#') + 1);
  const message = `Injected by the local fault registry: ${shortName}`;
  const headers: Record<string, string> = { 'x-amzn-requestid': randomUUID() };
  let body: object;
  if (protocol === 'rest-json') {
    headers['content-type'] = 'application/json';
    headers['x-amzn-errortype'] = shortName;
    body = { message, Message: message };
  } else {
    headers['content-type'] = `application/x-amz-json-${protocol === 'json1.1' ? '1.1' : '1.0'}`;
    if (protocol === 'sqs') {
      headers['x-amzn-query-error'] = `${shortName};${answer.status >= 500 ? 'Receiver' : 'Sender'}`;
    }
    body = { __type: answer.type, message };
  }
  return { statusCode: answer.status, reason: undefined, headers, body: Buffer.from(JSON.stringify(body)) };
}

/** Built like the node handler's socket timeout, so callers and the retry strategy see the same thing. */
function socketTimeout(): Error {
  return Object.assign(
    new Error(
      '@smithy/node-http-handler - the request socket timed out after 0 ms of inactivity (injected by the local fault registry after the service accepted the request).',
    ),
    { name: 'TimeoutError' },
  );
}

/** A 2xx answer: the service took the call (the registry counts SES sends as provider calls). */
const accepted = (output: DeserializeHandlerOutput<object>) => {
  const status = (output.response as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 200 && status < 300;
};

/**
 * Attaches the registry to one client (replacing an earlier attachment, so a second engine in the same
 * process plays its own registry on the module-scoped clients).
 */
export function attachFaults<Input extends object, Output extends object>(
  client: { middlewareStack: MiddlewareStack<Input, Output> },
  service: SdkFaultService,
  faults: FaultRegistry,
): void {
  const middleware: DeserializeMiddleware<Input, Output> = (next, context) => {
    const operation = String(context.commandName ?? '').replace(/Command$/, '');
    // An afterProviderCall fault belongs to the command: every attempt of this one send meets it.
    let commandFault: FiredFault | undefined;
    let decided = false;
    return async (args) => {
      if (!decided && service === 'dynamodb') {
        decided = true;
        commandFault = faults.takeAfterProviderCall(operation);
      }
      const fault = commandFault ?? faults.take({ service, operation, kinds: CALL_FAULTS });
      if (fault?.fault === 'latency') await sleep(fault.latencyMs ?? 0);
      if (fault?.fault === 'error' || fault?.fault === 'throttle') {
        const response = errorResponse(service, ANSWERS[service][fault.fault]);
        return { response } as DeserializeHandlerOutput<Output>;
      }
      const output = await next(args);
      if (service === 'ses' && operation === 'SendEmail' && accepted(output)) faults.providerCalled();
      if (fault?.fault === 'timeout-after-accept') throw socketTimeout();
      return output;
    };
  };
  client.middlewareStack.add(middleware, {
    step: 'deserialize',
    priority: 'low',
    name: 'localFaults',
    override: true,
  });
}
