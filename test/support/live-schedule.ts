/**
 * A lead's live schedule in the scheduler emulator (the group the test environment names): when it
 * fires (its `at(...)` expression) and what it hands the sender. When a re-plan left more than one for
 * a moment, the one of the latest plan revision.
 */
import { GetScheduleCommand, ListSchedulesCommand, SchedulerClient } from '@aws-sdk/client-scheduler';
import type { SenderInput } from '../../lambdas/core/sender-input';

const scheduler = new SchedulerClient({});

export async function liveScheduleOf(leadId: string): Promise<{ at: string; input: SenderInput }> {
  const group = process.env.SCHEDULE_GROUP;
  const { Schedules = [] } = await scheduler.send(
    new ListSchedulesCommand({ GroupName: group, NamePrefix: `lead-${leadId}-` }),
  );
  const live = await Promise.all(
    Schedules.map(({ Name }) => scheduler.send(new GetScheduleCommand({ Name, GroupName: group }))),
  );
  const input = (schedule: (typeof live)[number]) =>
    JSON.parse(schedule.Target?.Input ?? '{}') as SenderInput;
  const latest = live.sort((a, b) => input(b).revision - input(a).revision)[0];
  if (!latest) throw new Error(`Lead ${leadId} has no schedule`);
  return { at: latest.ScheduleExpression ?? '', input: input(latest) };
}
