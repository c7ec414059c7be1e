/**
 * Where an import's rows wait for the worker: one S3 object per import, a JSON line per row, written
 * by the API when the import is accepted and read back page by page (kept for the warm Lambda). The
 * bucket expires them after a week; the import's record and row issues live in the table.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { IMPORT_ROWS_PREFIX } from '../core/imports';
import { setting } from '../runtime/environment';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

export interface ImportRowsSettings {
  bucket: string;
  /** A local stand-in is reached by address, so it needs path-style URLs; AWS gets virtual-hosted ones. */
  pathStyle: boolean;
}

const settings = setting<ImportRowsSettings>('importRows', 'The imports bucket (IMPORTS_BUCKET)');

export const useImportRows = settings.use;

const sdk = () => import('@aws-sdk/client-s3');

const s3Client = onFirstUse(
  async (): Promise<S3Client> =>
    traceClient(new (await sdk()).S3Client({ forcePathStyle: settings.get().pathStyle })),
);

const keyOf = (orgId: string, importId: string) =>
  `${IMPORT_ROWS_PREFIX}${encodeURIComponent(orgId)}/${importId}.jsonl`;

export async function storeImportRows(
  orgId: string,
  importId: string,
  rows: readonly unknown[],
): Promise<void> {
  const [client, { PutObjectCommand }] = await Promise.all([s3Client(), sdk()]);
  await client.send(
    new PutObjectCommand({
      Bucket: settings.get().bucket,
      Key: keyOf(orgId, importId),
      Body: rows.map((row) => JSON.stringify(row)).join('\n'),
      ContentType: 'application/x-ndjson',
    }),
  );
}

/** The last import read, by key: a worker goes through one import page after page. */
let cached: { key: string; lines: string[] } | undefined;

/** The rows [from, to) of an import, as the API stored them. */
export async function readImportRows(
  orgId: string,
  importId: string,
  from: number,
  to: number,
): Promise<unknown[]> {
  const key = keyOf(orgId, importId);
  if (cached?.key !== key) {
    const [client, { GetObjectCommand }] = await Promise.all([s3Client(), sdk()]);
    const { Body } = await client.send(new GetObjectCommand({ Bucket: settings.get().bucket, Key: key }));
    if (!Body) throw new Error(`The rows of import ${importId} are empty`);
    cached = { key, lines: (await Body.transformToString('utf8')).split('\n') };
  }
  return cached.lines.slice(from, to).map((line) => JSON.parse(line) as unknown);
}
