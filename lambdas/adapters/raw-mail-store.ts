/**
 * Where SES's receipt rule stored an inbound message: the Lambda action's event carries no body, so
 * the raw RFC 5322 bytes are read from the bucket the S3 action wrote them to.
 */
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { requiredEnv } from '../env';
import { tracer } from '../observability';

const config = { bucket: requiredEnv('INBOUND_BUCKET'), prefix: requiredEnv('INBOUND_PREFIX') };

// A local stand-in is reached by address, so it needs path-style URLs; AWS gets virtual-hosted ones.
export const s3Client = tracer.captureAWSv3Client(
  new S3Client({ forcePathStyle: process.env.AWS_ENDPOINT_URL_S3 !== undefined }),
);

export async function readRawMail(sesMessageId: string): Promise<Buffer> {
  const { Body } = await s3Client.send(
    new GetObjectCommand({ Bucket: config.bucket, Key: `${config.prefix}${sesMessageId}` }),
  );
  if (!Body) throw new Error(`The stored message ${sesMessageId} is empty`);
  return Buffer.from(await Body.transformToByteArray());
}
