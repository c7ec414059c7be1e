/**
 * A stand-in for the X-Ray daemon Lambda runs beside a traced function: a UDP socket on a free port that
 * keeps every datagram, checks the daemon's header line and parses the segment document after it.
 * Point AWS_XRAY_DAEMON_ADDRESS at `address`, as Lambda does.
 */
import { createSocket } from 'node:dgram';

/** A subsegment document as the daemon receives it (only the fields the tests read are typed). */
export interface SentSubsegment {
  name: string;
  id: string;
  trace_id: string;
  parent_id: string;
  type: string;
  start_time: number;
  end_time: number;
  namespace?: string;
  annotations?: Record<string, string | number | boolean>;
  aws?: Record<string, unknown>;
  http?: { response?: { status?: number } };
  error?: boolean;
  throttle?: boolean;
  fault?: boolean;
  cause?: { exceptions: { id: string; type: string; message: string; remote?: boolean }[] };
}

export interface XrayDaemon {
  /** `127.0.0.1:<port>`, the form of AWS_XRAY_DAEMON_ADDRESS. */
  address: string;
  /** Every document received so far, in order. */
  documents: SentSubsegment[];
  /** Waits until `count` documents have arrived (fails after `timeoutMs`), and answers them all. */
  received(count: number, timeoutMs?: number): Promise<SentSubsegment[]>;
  stop(): Promise<void>;
}

const HEADER = '{"format":"json","version":1}';

export async function startXrayDaemon(): Promise<XrayDaemon> {
  const socket = createSocket('udp4');
  const documents: SentSubsegment[] = [];
  const problems: string[] = [];
  socket.on('message', (datagram) => {
    const text = datagram.toString('utf8');
    const newline = text.indexOf('\n');
    const header = text.slice(0, newline);
    if (newline < 0 || JSON.stringify(JSON.parse(header)) !== HEADER) {
      problems.push(`a datagram without the daemon's header: ${text.slice(0, 80)}`);
      return;
    }
    documents.push(JSON.parse(text.slice(newline + 1)) as SentSubsegment);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${socket.address().port}`,
    documents,
    async received(count, timeoutMs = 2_000) {
      const until = Date.now() + timeoutMs;
      while (documents.length < count && problems.length === 0 && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (problems.length > 0) throw new Error(problems.join('\n'));
      if (documents.length < count) {
        throw new Error(`The daemon received ${documents.length} documents, not ${count}`);
      }
      return [...documents];
    },
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
