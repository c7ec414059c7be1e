/**
 * Where SES's receipt rule stored an inbound message: the Lambda action's event carries no body, so
 * the raw RFC 5322 bytes are read from the bucket the S3 action wrote them to. An erasure deletes the
 * messages a person sent (the privacy API), by the ids their inbound records kept (data/inbound.ts).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { traceClient } from '../runtime/tracing';
import { onFirstUse } from './on-first-use';

const sdk = () => import('@aws-sdk/client-s3');

export interface RawMailStoreSettings {
  bucket: string;
  prefix: string;
  /** A local stand-in is reached by address, so it needs path-style URLs; AWS gets virtual-hosted ones. */
  pathStyle: boolean;
}

/** The raw bytes of a received message, by the id SES gave it. */
export interface RawMailStore {
  read(sesMessageId: string): Promise<Buffer>;
  /** The raw bytes, or undefined when the object is gone (expired after 30 days, or erased). */
  find(sesMessageId: string): Promise<Buffer | undefined>;
  /** Deletes a received message (an erasure); deleting one already gone is no error, as in S3. */
  remove(sesMessageId: string): Promise<void>;
}

/** The entry file builds it from INBOUND_BUCKET and INBOUND_PREFIX; its S3 client is made on first use. */
export function rawMailStore({ bucket, prefix, pathStyle }: RawMailStoreSettings): RawMailStore {
  const s3Client = onFirstUse(
    async (): Promise<S3Client> => traceClient(new (await sdk()).S3Client({ forcePathStyle: pathStyle })),
  );
  const read = async (sesMessageId: string) => {
    const [client, { GetObjectCommand }] = await Promise.all([s3Client(), sdk()]);
    const { Body } = await client.send(
      new GetObjectCommand({ Bucket: bucket, Key: `${prefix}${sesMessageId}` }),
    );
    if (!Body) throw new Error(`The stored message ${sesMessageId} is empty`);
    return Buffer.from(await Body.transformToByteArray());
  };
  return {
    read,
    async find(sesMessageId) {
      const { NoSuchKey } = await sdk();
      try {
        return await read(sesMessageId);
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    async remove(sesMessageId) {
      const [client, { DeleteObjectCommand }] = await Promise.all([s3Client(), sdk()]);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: `${prefix}${sesMessageId}` }));
    },
  };
}
