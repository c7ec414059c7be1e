/**
 * A small Amazon S3 for the local stack: where SES's receipt rule would drop a received message and the
 * imports API stores an import's rows, and where the inbound e-mail Lambda and the import worker read
 * them back (and an erasure deletes them). It serves the calls the product makes, PutObject, GetObject
 * and DeleteObject, in the path-style REST
 * protocol of @aws-sdk/client-s3 v3 (`/<bucket>/<key>`, XML errors with the codes the SDK maps to its
 * exception classes), so the production code runs against it unchanged when `AWS_ENDPOINT_URL_S3`
 * points here. Every bucket exists; objects live in memory; checksums and SigV4 signatures are not
 * checked. (s3rver would serve the same two calls, at the price of ~110 packages and a directory.)
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listenLocally } from './ports';
import { readBody } from './wire';

/** SES accepts received messages up to 40 MB; anything this emulator holds is smaller. */
const MAX_OBJECT_BYTES = 40 * 1024 * 1024;
const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

export interface S3EmulatorOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** The time stamped as LastModified; default the system clock. */
  now?: () => Date;
}

export interface S3Object {
  body: Buffer;
  contentType: string;
  /** The quoted MD5 of the body, as S3 answers it for a single-part upload. */
  etag: string;
  lastModified: Date;
}

export interface S3Emulator {
  /** Origin such as `http://127.0.0.1:43125`, for `new S3Client({ endpoint, forcePathStyle: true })`. */
  endpoint: string;
  /** Stores an object as PutObject would, as a shortcut for the local stack (SES writing received mail). */
  putObject(bucket: string, key: string, body: string | Buffer, contentType?: string): S3Object;
  getObject(bucket: string, key: string): S3Object | undefined;
  /** The bucket's keys in S3's listing order (UTF-8 binary order). */
  keys(bucket: string): string[];
  stop(): Promise<void>;
}

type ErrorCode = 'InvalidRequest' | 'EntityTooLarge' | 'InternalError' | 'NoSuchKey' | 'NotImplemented';

class S3Error extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly status: number,
    readonly resource: Record<string, string> = {},
  ) {
    super(message);
  }
}

const UPLOAD_LIMIT = {
  bytes: MAX_OBJECT_BYTES + 64 * 1024,
  tooLarge: () =>
    new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.', 400),
};

export async function startS3Emulator(options: S3EmulatorOptions = {}): Promise<S3Emulator> {
  const now = options.now ?? (() => new Date());
  const buckets = new Map<string, Map<string, S3Object>>();

  const bucketObjects = (bucket: string) => {
    let objects = buckets.get(bucket);
    if (!objects) {
      objects = new Map();
      buckets.set(bucket, objects);
    }
    return objects;
  };

  function store(bucket: string, key: string, body: Buffer, contentType: string): S3Object {
    const object: S3Object = {
      body,
      contentType,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      // S3 keeps milliseconds here but answers Last-Modified to the second; the listing shows both.
      lastModified: now(),
    };
    bucketObjects(bucket).set(key, object);
    return object;
  }

  function sortedKeys(bucket: string): string[] {
    return [...(buckets.get(bucket)?.keys() ?? [])].sort(compareUtf8);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://s3.local');
    const [bucketPart = '', ...keyParts] = url.pathname.slice(1).split('/');
    const bucket = decodeURIComponent(bucketPart);
    const key = keyParts.map((part) => decodeURIComponent(part)).join('/');
    try {
      if (bucket === '' || key === '') {
        throw new S3Error(
          'NotImplemented',
          'The emulator serves PutObject, GetObject and DeleteObject only.',
          501,
        );
      }
      if (request.method === 'PUT' && request.headers['x-amz-copy-source'] === undefined) {
        const body = decodePayload(request, await readBody(request, UPLOAD_LIMIT));
        const object = store(bucket, key, body, header(request, 'content-type') ?? DEFAULT_CONTENT_TYPE);
        answer(response, 200, { etag: object.etag });
      } else if (request.method === 'GET') {
        const object = buckets.get(bucket)?.get(key);
        if (!object) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
        const headers = {
          'content-type': object.contentType,
          'content-length': String(object.body.length),
          etag: object.etag,
          'last-modified': object.lastModified.toUTCString(),
        };
        answer(response, 200, headers, object.body);
      } else if (request.method === 'DELETE') {
        // As S3: deleting a key that is not there succeeds too.
        buckets.get(bucket)?.delete(key);
        answer(response, 204, {});
      } else {
        throw new S3Error(
          'NotImplemented',
          'The emulator serves PutObject, GetObject and DeleteObject only.',
          501,
        );
      }
    } catch (error) {
      const known =
        error instanceof S3Error
          ? error
          : new S3Error('InternalError', 'The emulator failed; see its logs.', 500);
      if (known !== error) console.error('s3 emulator:', error);
      request.resume();
      answerError(response, known);
    }
  }

  const server = createServer((request, response) => void handle(request, response));
  const endpoint = await listenLocally(server, options.port);

  return {
    endpoint,
    putObject: (bucket, key, body, contentType = DEFAULT_CONTENT_TYPE) =>
      store(bucket, key, typeof body === 'string' ? Buffer.from(body, 'utf8') : body, contentType),
    getObject: (bucket, key) => buckets.get(bucket)?.get(key),
    keys: sortedKeys,
    stop: () => closeServer(server),
  };
}

/**
 * The SDK streams bodies with `aws-chunked` encoding and a trailing checksum (`<hex size>\r\n<data>\r\n`
 * ... `0\r\n<trailers>\r\n\r\n`); plain bodies arrive as they are.
 */
function decodePayload(request: IncomingMessage, raw: Buffer): Buffer {
  const encoding = header(request, 'content-encoding') ?? '';
  const streaming = (header(request, 'x-amz-content-sha256') ?? '').startsWith('STREAMING-');
  if (!encoding.split(',').some((part) => part.trim() === 'aws-chunked') && !streaming) return raw;
  const chunks: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', offset);
    if (lineEnd === -1) throw new S3Error('InvalidRequest', 'A chunk header is not terminated.', 400);
    const size = Number.parseInt(raw.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '', 16);
    if (!Number.isInteger(size) || size < 0) {
      throw new S3Error('InvalidRequest', 'A chunk size is not hexadecimal.', 400);
    }
    const start = lineEnd + 2;
    if (size === 0) break;
    if (start + size > raw.length)
      throw new S3Error('InvalidRequest', 'A chunk is shorter than its size.', 400);
    chunks.push(raw.subarray(start, start + size));
    offset = start + size + 2;
  }
  const body = Buffer.concat(chunks);
  const declared = header(request, 'x-amz-decoded-content-length');
  if (declared !== undefined && Number(declared) !== body.length) {
    throw new S3Error('InvalidRequest', 'x-amz-decoded-content-length does not match the body.', 400);
  }
  return body;
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** S3 lists keys in the binary order of their UTF-8 bytes, which differs from JS string order. */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function xml(text: string): string {
  return text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

function answer(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body?: string | Buffer,
): void {
  response.writeHead(status, {
    'x-amz-request-id': randomBytes(8).toString('hex').toUpperCase(),
    'x-amz-id-2': randomUUID(),
    ...(body === undefined || 'content-length' in headers
      ? {}
      : { 'content-length': Buffer.byteLength(body) }),
    ...headers,
  });
  response.end(body);
}

/** S3's XML error body, whose code the SDK maps to its exception class. */
function answerError(response: ServerResponse, error: S3Error): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const details = Object.entries(error.resource)
    .map(([name, value]) => `<${name}>${xml(value)}</${name}>`)
    .join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<Error><Code>${error.code}</Code><Message>${xml(error.message)}</Message>${details}` +
    `<RequestId>${requestId}</RequestId></Error>`;
  response.writeHead(error.status, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
