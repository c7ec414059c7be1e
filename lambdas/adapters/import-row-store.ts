/**
 * Where an import's rows wait for the worker: one S3 object per import, a JSON line per row, written
 * by the API when the import is accepted and read back page by page (kept for the warm Lambda). The
 * bucket expires them after a week; the import's record and row issues live in the table.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { IMPORT_ROWS_PREFIX } from '../core/import-rows';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

export interface ImportRowsSettings {
  bucket: string;
  /** A local stand-in is reached by address, so it needs path-style URLs; AWS gets virtual-hosted ones. */
  pathStyle: boolean;
}

/** An import's rows, stored by the imports API and read back by the import worker. */
export interface ImportRows {
  store(orgId: string, importId: string, rows: readonly unknown[]): Promise<void>;
  /** The rows [from, to) of an import, as the API stored them. */
  read(orgId: string, importId: string, from: number, to: number): Promise<unknown[]>;
  /** Every row of an import, or undefined once the bucket expired them (an erasure looks through them). */
  readAll(orgId: string, importId: string): Promise<unknown[] | undefined>;
}

const sdk = () => import('@aws-sdk/client-s3');

const keyOf = (orgId: string, importId: string) =>
  `${IMPORT_ROWS_PREFIX}${encodeURIComponent(orgId)}/${importId}.jsonl`;

/** The entry file builds it from its IMPORTS_BUCKET; its S3 client is made on first use. */
export function importRowsStore(settings: ImportRowsSettings): ImportRows {
  const s3Client = onFirstUse(
    async (): Promise<S3Client> =>
      traceClient(new (await sdk()).S3Client({ forcePathStyle: settings.pathStyle })),
  );
  /** The last import read, by key: a worker goes through one import page after page. */
  let cached: { key: string; lines: string[] } | undefined;
  return {
    async store(orgId, importId, rows) {
      const [client, { PutObjectCommand }] = await Promise.all([s3Client(), sdk()]);
      await client.send(
        new PutObjectCommand({
          Bucket: settings.bucket,
          Key: keyOf(orgId, importId),
          Body: rows.map((row) => JSON.stringify(row)).join('\n'),
          ContentType: 'application/x-ndjson',
        }),
      );
    },
    async read(orgId, importId, from, to) {
      const key = keyOf(orgId, importId);
      if (cached?.key !== key) {
        const [client, { GetObjectCommand }] = await Promise.all([s3Client(), sdk()]);
        const { Body } = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: key }));
        if (!Body) throw new Error(`The rows of import ${importId} are empty`);
        cached = { key, lines: (await Body.transformToString('utf8')).split('\n') };
      }
      return cached.lines.slice(from, to).map((line) => JSON.parse(line) as unknown);
    },
    async readAll(orgId, importId) {
      const [client, { GetObjectCommand, NoSuchKey }] = await Promise.all([s3Client(), sdk()]);
      try {
        const { Body } = await client.send(
          new GetObjectCommand({ Bucket: settings.bucket, Key: keyOf(orgId, importId) }),
        );
        if (!Body) return undefined;
        return (await Body.transformToString('utf8')).split('\n').map((line) => JSON.parse(line) as unknown);
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
  };
}
