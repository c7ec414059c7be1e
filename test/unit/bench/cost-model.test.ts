import { describe, expect, it } from 'vitest';
import {
  ASSUMPTIONS,
  costOf,
  dominantLine,
  dynamodbUsage,
  fixedMonthlyUsage,
  monthlyUsage,
  PRICES,
  type Prices,
  stepUsage,
  totalCost,
  usd,
} from '../../../bench/cost-model';

/** Round prices, so every expected figure below can be worked out by hand. */
const ROUND: Prices = Object.fromEntries(
  Object.entries(PRICES).map(([name, price]) => [name, { ...price, usd: 1 }]),
) as Prices;

describe('cost model', () => {
  it('turns DynamoDB requests into capacity units by the stated assumptions', () => {
    // Prepare: one sender step's reads and writes.
    const requests = {
      'DynamoDB:BatchGetItem': 2,
      'DynamoDB:TransactWriteItems': 2,
      'DynamoDB:UpdateItem': 1,
    };

    // Act
    const units = dynamodbUsage(requests);

    // Assess: 2 × 4.5 RRU; 2 × 5 + 3 WRU.
    expect(units).toEqual({ dynamodbRru: 9, dynamodbWru: 13 });
  });

  it('refuses an operation it has no assumption for', () => {
    expect(() => dynamodbUsage({ 'DynamoDB:Scan': 1 })).toThrow(/Scan/);
  });

  it('prices a sent step line by line', () => {
    // Prepare: a step with one BatchGetItem, one e-mail and no queue message.
    const step = { dynamodb: { BatchGetItem: 1 }, scheduler: 1, emails: 1, sqs: 0 };

    // Act
    const cost = costOf(stepUsage(step), ROUND);

    // Assess: with every price at $1 a unit, each line is its usage.
    const events = ASSUMPTIONS.sesEventsPerEmail;
    expect(cost.SES).toBe(1);
    expect(cost['EventBridge Scheduler']).toBe(1);
    const guard = ASSUMPTIONS.reputationCountingPerEmail;
    expect(cost.DynamoDB).toBeCloseTo(4.5 + events * 0.5 + guard.rru + guard.wru);
    expect(cost['X-Ray']).toBe(1 + events);
    const gbSeconds = 0.5 * 0.15 + events * 0.5 * 0.04;
    expect(cost.Lambda).toBeCloseTo(1 + events + gbSeconds);
  });

  it('adds the fixed month to the variable part, and names what dominates', () => {
    // Prepare
    const step = { dynamodb: {}, scheduler: 1, emails: 1, sqs: 0 };
    const enrollment = { dynamodb: {}, scheduler: 1 };

    // Act
    const none = monthlyUsage(0, step, enrollment);
    const million = costOf(monthlyUsage(1_000_000, step, enrollment).total);

    // Assess: no step costs exactly the fixed part; a million e-mails at $0.10 per 1,000 is $100 of SES.
    expect(none.total).toEqual(fixedMonthlyUsage());
    expect(million.SES).toBeCloseTo(100);
    expect(dominantLine(million).line).toBe('SES');
    expect(totalCost(million)).toBeGreaterThan(100);
  });

  it('writes dollars readably at every scale', () => {
    expect(usd(0)).toBe('$0');
    expect(usd(0.000132)).toBe('$0.000132');
    expect(usd(1234.5)).toBe('$1,234.50');
  });
});
