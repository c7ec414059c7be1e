/**
 * What lead imports reach besides the table, for the integration files that import leads through the
 * imports API and its worker: the local S3 (the uploaded rows) and SQS (the import queue), pointed at
 * through the environment, and the entry points imported after it, since their modules read it at import.
 */
import type { Context, SQSEvent } from 'aws-lambda';
import { type S3Emulator, startS3Emulator } from '../../local/s3-emulator';
import { type SqsEmulator, startSqsEmulator } from '../../local/sqs-emulator';
import type { invoke } from './invoke';

export type ApiHandler = Parameters<typeof invoke>[0];
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<unknown>;

export interface ImportServices {
  s3: S3Emulator;
  sqs: SqsEmulator;
  /** The import queue's consumer (lambdas/import-worker.ts); the queue is named `imports` on `sqs`. */
  importWorker: SqsHandler;
  /** An API entry point of lambdas/, by file name (`leads-api`). */
  handlerOf(file: string): Promise<ApiHandler>;
  stop(): Promise<void>;
}

export async function startImportServices(): Promise<ImportServices> {
  const s3 = await startS3Emulator();
  const sqs = await startSqsEmulator();
  // Before the handlers are imported: their modules read the environment once, at import.
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SQS: sqs.endpoint,
    IMPORTS_BUCKET: 'followup-test-imports',
    IMPORT_QUEUE_URL: sqs.createQueue('imports'),
  });
  return {
    s3,
    sqs,
    importWorker: (await import('../../lambdas/import-worker')).handler as unknown as SqsHandler,
    handlerOf: async (file) =>
      ((await import(`../../lambdas/${file}.ts`)) as { handler: ApiHandler }).handler,
    stop: async () => {
      await sqs.stop();
      await s3.stop();
    },
  };
}
