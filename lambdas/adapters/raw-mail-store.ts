/**
 * Where SES's receipt rule stored an inbound message: the Lambda action's event carries no body, so
 * the raw RFC 5322 bytes are read from the bucket the S3 action wrote them to.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { setting } from '../runtime/environment';
import { traceClient } from '../runtime/tracing';

export interface RawMailStoreSettings {
  bucket: string;
  prefix: string;
  /** A local stand-in is reached by address, so it needs path-style URLs; AWS gets virtual-hosted ones. */
  pathStyle: boolean;
}

const settings = setting<RawMailStoreSettings>(
  'rawMailStore',
  'The inbound mail bucket (INBOUND_BUCKET, INBOUND_PREFIX)',
);

export const useRawMailStore = settings.use;

let client: S3Client | undefined;

export async function readRawMail(sesMessageId: string): Promise<Buffer> {
  const { bucket, prefix, pathStyle } = settings.get();
  client ??= traceClient(new S3Client({ forcePathStyle: pathStyle }));
  const { Body } = await client.send(
    new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${sesMessageId}` }),
  );
  if (!Body) throw new Error(`The stored message ${sesMessageId} is empty`);
  return Buffer.from(await Body.transformToByteArray());
}
