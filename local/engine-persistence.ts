/**
 * What the local engine keeps across restarts with --persist: the unsubscribe key, the clock and the
 * pending schedules (the scheduler emulator keeps them in memory).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { CreateScheduleCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import * as z from 'zod';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
import { parseJsonBody } from './json-body';

/** A random key per run, or a kept one with --persist so unsubscribe links outlive a restart. */
export function unsubscribeKey(persistDir: string | undefined): string {
  if (persistDir === undefined) return randomBytes(32).toString('base64url');
  const file = `${persistDir}/unsubscribe-secret`;
  if (!existsSync(file)) {
    mkdirSync(persistDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** What restoreSchedules needs of a saved schedule (dates are ISO strings once saved as JSON). */
const PersistedScheduleSchema = z.object({
  Name: z.string(),
  GroupName: z.string(),
  ScheduleExpression: z.string(),
  ScheduleExpressionTimezone: z.string().optional(),
  Description: z.string().optional(),
  State: z.enum(['ENABLED', 'DISABLED']),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']),
  FlexibleTimeWindow: z.object({
    Mode: z.enum(['OFF', 'FLEXIBLE']),
    MaximumWindowInMinutes: z.number().optional(),
  }),
  Target: z.looseObject({ Arn: z.string(), RoleArn: z.string() }),
  StartDate: z.iso.datetime().optional(),
  EndDate: z.iso.datetime().optional(),
});

const PersistedStateSchema = z.object({
  clock: z.iso.datetime().optional(),
  schedules: z.array(PersistedScheduleSchema).default([]),
});

export function readPersistedState(persistDir: string): z.output<typeof PersistedStateSchema> | undefined {
  const file = `${persistDir}/engine-state.json`;
  if (!existsSync(file)) return undefined;
  const parsed = PersistedStateSchema.safeParse(parseJsonBody(readFileSync(file, 'utf8')));
  if (!parsed.success) console.warn(`local engine: ignoring unreadable ${file}`);
  return parsed.success ? parsed.data : undefined;
}

export function writePersistedState(persistDir: string, text: string): void {
  mkdirSync(persistDir, { recursive: true });
  writeFileSync(`${persistDir}/engine-state.json`, text);
}

/** The scheduler emulator keeps schedules in memory; a kept table needs its pending schedules back. */
export async function restoreSchedules(
  endpoint: string,
  schedules: ReadonlyArray<z.output<typeof PersistedScheduleSchema>>,
): Promise<void> {
  const client = new SchedulerClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  try {
    for (const { StartDate, EndDate, ...schedule } of schedules) {
      await client.send(
        new CreateScheduleCommand({
          ...schedule,
          ...(StartDate ? { StartDate: new Date(StartDate) } : {}),
          ...(EndDate ? { EndDate: new Date(EndDate) } : {}),
        }),
      );
    }
  } finally {
    client.destroy();
  }
}
