/**
 * Where SES's receipt rule stored an inbound message: the Lambda action's event carries no body, so
 * the raw RFC 5322 bytes are read from the bucket the S3 action wrote them to.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { traceClient } from '../runtime/tracing';

export interface RawMailStoreSettings {
  bucket: string;
  prefix: string;
  /** A local stand-in is reached by address, so it needs path-style URLs; AWS gets virtual-hosted ones. */
  pathStyle: boolean;
}

/** The raw bytes of a received message, by the id SES gave it. */
export interface RawMailStore {
  read(sesMessageId: string): Promise<Buffer>;
}

/** The entry file builds it from INBOUND_BUCKET and INBOUND_PREFIX; its client is made on first read. */
export function rawMailStore({ bucket, prefix, pathStyle }: RawMailStoreSettings): RawMailStore {
  let client: S3Client | undefined;
  return {
    async read(sesMessageId) {
      client ??= traceClient(new S3Client({ forcePathStyle: pathStyle }));
      const { Body } = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${sesMessageId}` }),
      );
      if (!Body) throw new Error(`The stored message ${sesMessageId} is empty`);
      return Buffer.from(await Body.transformToByteArray());
    },
  };
}
