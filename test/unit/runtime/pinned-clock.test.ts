/**
 * test/support/pinned-clock.ts: a pinned clock holds for its block only, and afterwards the clock that
 * was in place before comes back (a block nested in a pinned file must not hand the file the system clock).
 */
import { describe, expect, it } from 'vitest';
import { clock } from '../../../lambdas/runtime/clock';
import { pinClock } from '../../support/pinned-clock';

const FILE_TIME = new Date('2030-01-07T09:00:00Z');
const BLOCK_TIME = new Date('2031-06-02T15:30:00Z');

pinClock(FILE_TIME);

describe('a block that pins its own time', () => {
  pinClock(BLOCK_TIME);

  it('sees its own time', () => {
    expect(clock.now()).toEqual(BLOCK_TIME);
  });
});

describe('a clock the test moves', () => {
  let now = BLOCK_TIME;
  pinClock({ now: () => now });

  it('follows it', () => {
    now = new Date(BLOCK_TIME.getTime() + 60_000);
    expect(clock.now()).toEqual(new Date('2031-06-02T15:31:00Z'));
  });
});

it('finds the file’s pinned time again after each block, not the system clock', () => {
  expect(clock.now()).toEqual(FILE_TIME);
});

it('hands out a copy of a pinned instant, so moving one date moves no other', () => {
  clock.now().setUTCFullYear(1999);
  expect(clock.now()).toEqual(FILE_TIME);
});
