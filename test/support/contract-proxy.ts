/**
 * A contract-checking proxy for the e2e tests: it stands in front of a local stack on a free port,
 * forwards every request unchanged, and checks each answer of an operation against the published
 * docs/openapi.json: the status is one the operation documents, the media type is the documented one
 * (no body where none is documented), the headers it marks required are there, and the body validates
 * against the documented schema. Routes outside the contract (`/_local/*`, `/openapi.json`) pass
 * unchecked. Answers go back as they came, so a flow runs on and every violation shows at the end.
 *
 * Why not Prism (`prism proxy --errors`): it reports an undocumented status only as a warning and lets
 * the answer through (so a recorder in front of it is needed anyway), answers non-contract routes 404,
 * and is ~210 packages and a child process to start on a busy CI machine. The checks here are a route
 * table and Ajv (the JSON Schema 2020-12 validator Spectral and Redocly already run on the same document).
 */
import { readFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, expect } from 'vitest';
import { closeServer, listenLocally } from '../../local/ports';
import { type LocalStack, type LocalStackOptions, startLocalStack } from '../../local/stack';
import { readBody } from '../../local/wire';
import { PINNED_START } from './local-api';

type Json = Record<string, unknown>;
interface MediaObject {
  schema?: Json;
}
interface ResponseObject {
  content?: Record<string, MediaObject>;
  headers?: Record<string, { required?: boolean; schema?: Json }>;
}
interface OperationObject {
  operationId: string;
  requestBody?: { content?: Record<string, MediaObject> };
  responses: Record<string, ResponseObject>;
}
export interface OpenApi {
  paths: Record<string, Record<string, OperationObject>>;
}

/** One request that went through, with what the contract said of its answer. */
export interface Exchange {
  test: string | undefined;
  method: string;
  path: string;
  /** Undefined: the route is not in the contract, and was not checked. */
  operationId: string | undefined;
  status: number;
  violations: string[];
}

export interface ContractProxy {
  url: string;
  exchanges: Exchange[];
  /** Every violation, with the test, request and status it came from; empty when all answers kept the contract. */
  violations(): string[];
  /** The operations answered (and checked) so far. */
  operationsSeen(): Set<string>;
  stop(): Promise<void>;
}

const DOCUMENT_PATH = new URL('../../docs/openapi.json', import.meta.url);

export function publishedDocument(): OpenApi {
  return JSON.parse(readFileSync(DOCUMENT_PATH, 'utf8')) as OpenApi;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
/** Headers a hop sets for itself, not passed along. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);

interface Route {
  pattern: RegExp;
  method: string;
  params: number;
  operation: OperationObject;
  pointer: string;
}

/**
 * What checks one answer against the document: the route table and a compiled validator per schema.
 * The document is added to Ajv whole, so each schema's `$ref: #/components/...` resolves inside it.
 */
export function contractChecker(document: OpenApi) {
  // strict off: the document's schemas carry OpenAPI's own keywords (example) beside JSON Schema's.
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  ajv.addSchema(document as object, 'openapi.json');
  const validators = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let validate = validators.get(pointer);
    if (!validate) {
      validate = ajv.getSchema(`openapi.json#${pointer}`);
      if (!validate) throw new Error(`No schema at ${pointer} of the document`);
      validators.set(pointer, validate);
    }
    return validate;
  };
  const pointerToken = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');
  const routes: Route[] = Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({
          pattern: new RegExp(`^${path.replace(/\{\w+\}/g, '[^/]+')}/?$`),
          method: method.toUpperCase(),
          params: path.split('{').length - 1,
          operation,
          pointer: `/paths/${pointerToken(path)}/${method}`,
        })),
    )
    // A literal segment wins over a parameter (/sequences/preview over /sequences/{id}).
    .sort((a, b) => a.params - b.params);

  return {
    /** The operation a request names, if the contract has one. */
    route(method: string, path: string): Route | undefined {
      const pathname = path.split('?')[0] ?? path;
      return routes.find((route) => route.method === method && route.pattern.test(pathname));
    },
    /** What is wrong with a request's body media type: a client sending what the contract does not take. */
    checkRequest(route: Route, headers: IncomingHttpHeaders, body: Buffer): string[] {
      const accepted = Object.keys(route.operation.requestBody?.content ?? {});
      if (body.length === 0 || accepted.length === 0) return [];
      const mediaType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      return mediaType !== undefined && accepted.includes(mediaType)
        ? []
        : [`the request's content type ${mediaType} is not ${accepted.join(' or ')}`];
    },
    /** What is wrong with an answer to `route`; empty when it keeps the contract. */
    check(route: Route, status: number, headers: IncomingHttpHeaders, body: Buffer): string[] {
      const documented = route.operation.responses;
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((name) => documented[name]);
      if (!key) return [`status ${status} is not documented (${Object.keys(documented).join(', ')})`];
      const answer = documented[key] as ResponseObject;
      const problems: string[] = [];
      for (const [name, header] of Object.entries(answer.headers ?? {})) {
        if (header.required && headers[name.toLowerCase()] === undefined)
          problems.push(`required header ${name} is missing`);
      }
      const mediaType = headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (!answer.content) {
        if (body.length > 0)
          problems.push(`a body (${mediaType ?? 'no content type'}) where none is documented`);
        return problems;
      }
      const media = mediaType === undefined ? undefined : answer.content[mediaType];
      if (!media || mediaType === undefined) {
        problems.push(`content type ${mediaType} is not ${Object.keys(answer.content).join(' or ')}`);
        return problems;
      }
      if (!media.schema) return problems;
      let value: unknown = body.toString('utf8');
      if (mediaType === 'application/json') {
        try {
          value = JSON.parse(value as string);
        } catch {
          return [...problems, 'the body is not JSON'];
        }
      }
      const validate = validatorAt(
        `${route.pointer}/responses/${key}/content/${pointerToken(mediaType)}/schema`,
      );
      if (!validate(value)) {
        for (const error of validate.errors ?? [])
          problems.push(`body${error.instancePath} ${error.message} ${JSON.stringify(error.params)}`);
      }
      return problems;
    },
  };
}

function currentTest(): string | undefined {
  try {
    return expect.getState().currentTestName;
  } catch {
    return undefined;
  }
}

/** Starts the proxy on a free port in front of `upstream` (an origin such as http://localhost:3000). */
export async function startContractProxy(
  upstream: string,
  document: OpenApi = publishedDocument(),
): Promise<ContractProxy> {
  const checker = contractChecker(document);
  const target = new URL(upstream);
  const exchanges: Exchange[] = [];
  const server = createServer(async (request, response) => {
    try {
      const method = request.method ?? 'GET';
      const path = request.url ?? '/';
      const test = currentTest();
      const body = await readBody(request);
      const answer = await forward(target, method, path, request.headers, body);
      const answerBody = await readBody(answer);
      const route = checker.route(method, path);
      exchanges.push({
        test,
        method,
        path,
        operationId: route?.operation.operationId,
        status: answer.statusCode ?? 0,
        violations: route
          ? [
              ...checker.checkRequest(route, request.headers, body),
              ...checker.check(route, answer.statusCode ?? 0, answer.headers, answerBody),
            ]
          : [],
      });
      const headers = Object.fromEntries(
        Object.entries(answer.headers).filter(([name]) => !HOP_HEADERS.has(name)),
      );
      response.writeHead(answer.statusCode ?? 502, headers).end(answerBody);
    } catch (error) {
      response.writeHead(502, { 'content-type': 'text/plain' }).end(`contract proxy: ${String(error)}`);
    }
  });
  const url = await listenLocally(server);
  return {
    url,
    exchanges,
    violations: () =>
      exchanges.flatMap((exchange) =>
        exchange.violations.map(
          (violation) =>
            `${exchange.test ?? '(outside a test)'}: ${exchange.method} ${exchange.path} -> ${exchange.status}: ${violation}`,
        ),
      ),
    operationsSeen: () =>
      new Set(exchanges.flatMap((exchange) => (exchange.operationId ? [exchange.operationId] : []))),
    stop: () => closeServer(server),
  };
}

function forward(
  target: URL,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const passed = Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_HEADERS.has(name)));
    const outgoing = httpRequest(
      {
        hostname: target.hostname,
        port: target.port,
        method,
        path,
        headers: { ...passed, host: target.host, 'content-length': String(body.length) },
      },
      resolve,
    );
    outgoing.once('error', reject);
    outgoing.end(body);
  });
}

/**
 * A local stack whose `url` is a contract proxy in front of it: a test talks to it as to the stack, and
 * `stop()` fails when any answer of the run left the contract (listing each, with its test).
 */
export type CheckedStack = LocalStack & { contract: ContractProxy };

export async function startContractCheckedStack(options: LocalStackOptions): Promise<CheckedStack> {
  const stack = await startLocalStack(options);
  const contract = await startContractProxy(stack.url);
  return {
    ...stack,
    url: contract.url,
    contract,
    stop: async () => {
      await contract.stop();
      await stack.stop();
      expect(contract.violations(), 'answers outside docs/openapi.json').toEqual([]);
    },
  };
}

/**
 * The contract-checked stack of an e2e file: started before its first test (by default on a free port,
 * with the engine run by the test, at PINNED_START) and stopped after its last, which fails the file when
 * an answer left the contract. Answers the stack while the file runs.
 */
export function useContractCheckedStack(
  options: LocalStackOptions = { port: 0, background: false, now: PINNED_START },
): () => CheckedStack {
  let stack: CheckedStack | undefined;
  beforeAll(async () => {
    stack = await startContractCheckedStack(options);
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => {
    if (!stack) throw new Error('The contract-checked stack is not running (it starts in beforeAll)');
    return stack;
  };
}
