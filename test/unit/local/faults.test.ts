import { describe, expect, it } from 'vitest';
import { createFaultRegistry, type FaultRegistry } from '../../../local/faults';

const clock = { now: () => new Date('2026-04-01T09:00:00.000Z') };

function addRules(registry: FaultRegistry, rules: unknown[]) {
  const added = registry.add({ rules });
  if (!added.ok) throw new Error(`rules refused: ${JSON.stringify(added.issues)}`);
  return added.items;
}

const CALL_FAULTS = ['error', 'throttle', 'timeout-after-accept', 'latency'] as const;

describe('fault registry', () => {
  it('matches by service and operation, fires count times, and records each firing on the clock', () => {
    // Prepare
    const registry = createFaultRegistry({ clock });
    const [rule] = addRules(registry, [
      { service: 'dynamodb', operation: 'UpdateItem', fault: 'throttle', count: 2 },
    ]);
    // Act
    const otherService = registry.take({ service: 'ses', operation: 'UpdateItem', kinds: CALL_FAULTS });
    const otherOperation = registry.take({ service: 'dynamodb', operation: 'PutItem', kinds: CALL_FAULTS });
    const first = registry.take({ service: 'dynamodb', operation: 'UpdateItem', kinds: CALL_FAULTS });
    const second = registry.take({ service: 'dynamodb', operation: 'UpdateItem', kinds: CALL_FAULTS });
    const third = registry.take({ service: 'dynamodb', operation: 'UpdateItem', kinds: CALL_FAULTS });
    // Assess
    expect(otherService).toBeUndefined();
    expect(otherOperation).toBeUndefined();
    expect(first?.fault).toBe('throttle');
    expect(second?.fault).toBe('throttle');
    expect(third).toBeUndefined();
    const { items, fired } = registry.list();
    expect(items).toEqual([{ ...rule, hits: 2 }]);
    expect(fired).toEqual([
      {
        at: '2026-04-01T09:00:00.000Z',
        ruleId: rule?.id,
        service: 'dynamodb',
        operation: 'UpdateItem',
        fault: 'throttle',
      },
      {
        at: '2026-04-01T09:00:00.000Z',
        ruleId: rule?.id,
        service: 'dynamodb',
        operation: 'UpdateItem',
        fault: 'throttle',
      },
    ]);
  });

  it('hits a call only when the injected random draw falls under the rate', () => {
    // Prepare
    const draws = [0.9, 0.2, 0.5];
    const registry = createFaultRegistry({ clock, random: () => draws.shift() ?? 1 });
    addRules(registry, [{ service: 'sqs', fault: 'error', rate: 0.5 }]);
    // Act
    const results = [1, 2, 3].map(() =>
      registry.take({ service: 'sqs', operation: 'SendMessage', kinds: CALL_FAULTS }),
    );
    // Assess
    expect(results.map((result) => result?.fault)).toEqual([undefined, 'error', undefined]);
    expect(registry.list().items[0]?.hits).toBe(1);
  });

  it('keeps duplicate-delivery rules out of call faults and call faults out of deliveries', () => {
    // Prepare
    const registry = createFaultRegistry({ clock });
    addRules(registry, [
      { service: 'scheduler', fault: 'duplicate-delivery', count: 1 },
      { service: 'scheduler', operation: 'CreateSchedule', fault: 'error' },
    ]);
    // Act
    const call = registry.take({ service: 'scheduler', operation: 'CreateSchedule', kinds: CALL_FAULTS });
    const delivery = registry.take({ service: 'scheduler', kinds: ['duplicate-delivery'] });
    const secondDelivery = registry.take({ service: 'scheduler', kinds: ['duplicate-delivery'] });
    // Assess
    expect(call?.fault).toBe('error');
    expect(delivery?.fault).toBe('duplicate-delivery');
    expect(secondDelivery).toBeUndefined();
    expect(registry.list().fired.map((firing) => firing.operation)).toEqual(['CreateSchedule', null]);
  });

  it('fails the first write after a provider call in the same invocation, once per provider call', async () => {
    // Prepare
    const registry = createFaultRegistry({ clock });
    addRules(registry, [{ service: 'dynamodb', fault: 'error', afterProviderCall: true }]);
    // Act
    const outsideScope = registry.takeAfterProviderCall('UpdateItem');
    const seen = await registry.runInvocation(async () => {
      const beforeSend = registry.takeAfterProviderCall('UpdateItem');
      registry.providerCalled();
      const read = registry.takeAfterProviderCall('GetItem');
      const firstWrite = registry.takeAfterProviderCall('TransactWriteItems');
      const secondWrite = registry.takeAfterProviderCall('UpdateItem');
      return [beforeSend, read, firstWrite, secondWrite].map((fault) => fault?.fault);
    });
    const otherInvocation = await registry.runInvocation(async () =>
      registry.takeAfterProviderCall('PutItem'),
    );
    // Assess
    expect(outsideScope).toBeUndefined();
    expect(seen).toEqual([undefined, undefined, 'error', undefined]);
    expect(otherInvocation).toBeUndefined();
    expect(registry.list().items[0]?.hits).toBe(1);
    expect(
      registry.take({ service: 'dynamodb', operation: 'UpdateItem', kinds: CALL_FAULTS }),
    ).toBeUndefined();
  });

  it('marks the sending invocation from the Sinch stub by the header its requests carried', async () => {
    // Prepare
    const registry = createFaultRegistry({ clock });
    addRules(registry, [
      { service: 'dynamodb', operation: 'PutItem', fault: 'throttle', afterProviderCall: true },
    ]);
    let invocationId = '';
    // Act
    const fault = await registry.runInvocation(async () => {
      // What tagInvocationRequests puts on a request to the stub, read back the way the stub hands it over.
      const request = {
        headersSent: false,
        getHeader: () => '127.0.0.1:1',
        setHeader: (_: string, v: string) => {
          invocationId = v;
        },
      };
      const untag = registry.tagInvocationRequests('http://127.0.0.1:1');
      const { channel } = await import('node:diagnostics_channel');
      channel('http.client.request.created').publish({ request });
      untag();
      registry.sinchAccepted({ 'x-local-invocation': 'someone-else' });
      const unrelated = registry.takeAfterProviderCall('PutItem');
      registry.sinchAccepted({ 'x-local-invocation': invocationId });
      return [unrelated, registry.takeAfterProviderCall('PutItem')];
    });
    // Assess
    expect(invocationId).not.toBe('');
    expect(fault.map((found) => found?.fault)).toEqual([undefined, 'throttle']);
  });

  it('refuses bad rules naming the field, and adds none of a request with one bad rule', () => {
    // Prepare
    const registry = createFaultRegistry({ clock });
    const cases: Array<[unknown, string]> = [
      [{ service: 'ses', fault: 'explode' }, 'rules.0.fault'],
      [{ service: 'lambda', fault: 'error' }, 'rules.0.service'],
      [{ service: 'ses', fault: 'duplicate-delivery' }, 'rules.0.fault'],
      [{ service: 'ses', fault: 'error', afterProviderCall: true }, 'rules.0.afterProviderCall'],
      [{ service: 'ses', fault: 'latency' }, 'rules.0.latencyMs'],
      [{ service: 'ses', fault: 'error', latencyMs: 10 }, 'rules.0.latencyMs'],
      [{ service: 'secretsmanager', fault: 'timeout-after-accept' }, 'rules.0.fault'],
      [{ service: 'ses', fault: 'error', count: 0 }, 'rules.0.count'],
      [{ service: 'ses', fault: 'error', rate: 1.5 }, 'rules.0.rate'],
      [{ service: 'sinch', operation: 'Token', fault: 'error' }, 'rules.0.operation'],
      [
        { service: 'dynamodb', operation: 'GetItem', fault: 'error', afterProviderCall: true },
        'rules.0.operation',
      ],
    ];
    // Act
    const results = cases.map(([rule]) => registry.add({ rules: [rule] }));
    const mixed = registry.add({ rules: [{ service: 'ses', fault: 'error' }, { service: 'ses' }] });
    // Assess
    results.forEach((result, index) => {
      expect(result.ok, JSON.stringify(cases[index]?.[0])).toBe(false);
      if (!result.ok) expect(result.issues.map((issue) => issue.path)).toContain(cases[index]?.[1]);
    });
    expect(mixed.ok).toBe(false);
    if (!mixed.ok) expect(mixed.issues.map((issue) => issue.path)).toEqual(['rules.1.fault']);
    expect(registry.list().items).toEqual([]);
  });

  it('adds to the existing rules and clears rules and firings', () => {
    // Prepare
    const registry = createFaultRegistry({ clock });
    addRules(registry, [{ service: 'ses', fault: 'error' }]);
    addRules(registry, [{ service: 'sinch', fault: 'throttle' }]);
    registry.take({ service: 'ses', operation: 'SendEmail', kinds: CALL_FAULTS });
    const before = registry.list();
    // Act
    registry.clear();
    // Assess
    expect(before.items.map((rule) => rule.service)).toEqual(['ses', 'sinch']);
    expect(before.fired).toHaveLength(1);
    expect(registry.list()).toEqual({ items: [], fired: [] });
  });
});
