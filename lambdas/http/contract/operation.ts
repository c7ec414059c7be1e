/**
 * What an operation of the HTTP API is: its route, the Lambda that serves it and the zod schemas of its
 * input and output. Each API function declares its own operations in a module of this folder, so a
 * function's bundle holds its own contract only; the schemas of an operation are built the first time
 * something reads one of them (the handler, on the first request of that route), not at import.
 */
import * as z from 'zod/mini';
import type { ErrorCode } from '../error-response';

/** The Lambda functions behind the API; each is `lambdas/<name>-api.ts` with `contract/<name>.ts`. */
export const API_FUNCTIONS = [
  'sequences',
  'messages',
  'assistants',
  'org',
  'leads',
  'imports',
  'public',
  'stats',
  'webhooks',
  'accounts',
  'suppressions',
  'privacy',
] as const;
export type ApiFunctionName = (typeof API_FUNCTIONS)[number];

/** An operation's schemas, built together on first use. */
export interface OperationSchemas {
  body?: z.ZodMiniType;
  /** What the body looks like, where `body` leaves parts to be parsed later (the batch's rows, one by one). */
  documentedBody?: z.ZodMiniType;
  query?: z.ZodMiniType;
  response?: z.ZodMiniType;
  /** Request headers the operation reads, documented as parameters. */
  headers?: z.ZodMiniObject;
}

/** An operation as a contract module writes it: its route and how to build its schemas. */
export interface OperationSpec {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: `/${string}`;
  summary: string;
  /** Success status. */
  status: 200 | 201 | 202 | 204;
  /** Sends and checks `ETag`/`If-Match` versions. */
  versioned?: boolean;
  /**
   * A POST that acts on a versioned thing as it was read (a decision on an approval) needs `If-Match`
   * as a PUT does; other POSTs of versioned things create them.
   */
  ifMatch?: true;
  /** No JWT: links in e-mails and provider webhooks, which prove themselves otherwise (signatures). */
  public?: true;
  /**
   * The refusals this operation adds to the ones every operation of its kind can answer (see
   * `errorCodesOf` in local/openapi.ts): a 409 or a 422 its use case throws, a 404 without a path id.
   */
  errors?: readonly ErrorCode[];
  /**
   * The body may also be `text/csv` (read by the operation from the raw body); an object says what its
   * lines are, for the OpenAPI document (default: lead rows, as POST /imports takes them).
   */
  csvBody?: true | { description: string; example: string };
  /** A body limit above the API's usual 256 KB, and what to do past it (said in the 413). */
  maxBody?: { bytes: number; hint: string };
  /** Media type of the body when it is not JSON (the RFC 8058 one-click form). */
  bodyType?: 'application/x-www-form-urlencoded';
  /** Answers an HTML page instead of JSON. */
  html?: true;
  /**
   * A change recorded in the org's audit log (GET /audit) once it succeeded: `action` names it,
   * `target` the kind of thing changed, whose id is the path's `id`, else the answer's `id`.
   */
  audit?: { action: string; target: string };
  schemas?: () => OperationSchemas;
}

/** An operation as the handler, the local server, the CDK and the OpenAPI generator read it. */
export interface Operation extends Omit<OperationSpec, 'schemas'>, OperationSchemas {
  fn: ApiFunctionName;
}

/** The operation a spec declares, with its schemas as (lazily built) properties of their own types. */
export type Declared<F extends ApiFunctionName, S extends OperationSpec> = Omit<S, 'schemas'> & {
  fn: F;
} & (S['schemas'] extends () => infer Schemas ? Readonly<Schemas> : unknown);

const SCHEMA_KEYS = ['body', 'documentedBody', 'query', 'response', 'headers'] as const;

/**
 * The operations of one API function. Route facts are plain properties; reading any schema builds that
 * operation's schemas once, so a cold start builds none and a request builds only its own route's.
 */
export function declareOperations<F extends ApiFunctionName, const S extends Record<string, OperationSpec>>(
  fn: F,
  specs: S,
): { [K in keyof S]: Declared<F, S[K]> } {
  return Object.fromEntries(
    Object.entries(specs).map(([id, { schemas, ...route }]) => {
      const operation = { fn, ...route };
      if (schemas) {
        let built: OperationSchemas | undefined;
        for (const key of SCHEMA_KEYS) {
          Object.defineProperty(operation, key, {
            enumerable: true,
            get: () => {
              built ??= schemas();
              return built[key];
            },
          });
        }
      }
      return [id, operation];
    }),
  ) as { [K in keyof S]: Declared<F, S[K]> };
}

export const itemsOf = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

/** A query flag: `?name=true` is true, `false` or absent is false. */
export const queryFlag = (description: string) =>
  z
    .pipe(
      z.optional(z.enum(['true', 'false'])),
      z.transform((flag) => flag === 'true'),
    )
    .check(z.describe(description));

/** The API Gateway route key of an operation, e.g. `GET /sequences/{id}`. */
export const routeKey = (operation: Pick<Operation, 'method' | 'path'>) =>
  `${operation.method} ${operation.path}`;

/**
 * Every paged list takes `limit` and `cursor` alike and answers `items` with `nextCursor` (present while
 * there is more to read; the listings that answered `cursor` before keep it too, with the same value).
 */
export const PAGE_LIMIT = { min: 1, max: 200, default: 50 } as const;

const limitMessage = `A whole number from ${PAGE_LIMIT.min} to ${PAGE_LIMIT.max}`;

/** `?limit=`: how many items a page reads at most (a filtered page may hold fewer). */
export const pageLimit = () =>
  z
    .pipe(
      z.pipe(
        z.optional(z.string().check(z.regex(/^[0-9]{1,4}$/, limitMessage))),
        z.transform((text) => (text === undefined ? PAGE_LIMIT.default : Number(text))),
      ),
      z.number().check(z.gte(PAGE_LIMIT.min, limitMessage), z.lte(PAGE_LIMIT.max, limitMessage)),
    )
    .check(
      z.describe(
        `How many items a page reads, ${PAGE_LIMIT.min}-${PAGE_LIMIT.max}; default ${PAGE_LIMIT.default}. A page of a filtered listing can hold fewer (even none) and still have a nextCursor`,
      ),
    );

/** `?cursor=`: the `nextCursor` of the page before, for the same listing. */
export const pageCursor = (maxLength: number, ofWhat: string) =>
  z
    .optional(z.string().check(z.maxLength(maxLength)))
    .check(
      z.describe(
        `Opaque: the nextCursor a page of ${ofWhat} returned, with the same parameters (else 400 invalid_cursor)`,
      ),
    );

/** The query of a list paged as a whole catalogue (lambdas/http/list-pages.ts): `limit` and `cursor`. */
export const catalogueQuery = (ofWhat: string) =>
  z.object({ limit: pageLimit(), cursor: pageCursor(2000, ofWhat) });

/** A page's answer: its items, and the cursor of the next page while there is one. */
export const pageOf = <T extends z.ZodMiniType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .optional(z.string())
      .check(z.describe('Pass as `cursor` for the next page; absent on the last')),
  });

/** `cursor` in the answer of the listings that had it before `nextCursor`: the same value, kept for their clients. */
export const legacyCursorField = () =>
  z.optional(z.string()).check(z.describe('The same value as nextCursor (kept for earlier clients)'));
