import { describe, expect, it } from 'vitest';
import { countsAsActivity, idlePolicy, idleState, secondsLeft } from './idle-timer';

const minute = 60_000;

describe('idle logoff', () => {
  const policy = idlePolicy(15);

  it('warns one minute before the timeout and expires at it', () => {
    expect(idleState({ lastActivity: 0, now: 0, policy })).toEqual({
      phase: 'active',
      remainingMs: 15 * minute,
      nextChangeMs: 14 * minute,
    });
    expect(idleState({ lastActivity: 0, now: 14 * minute - 1, policy }).phase).toBe('active');
    expect(idleState({ lastActivity: 0, now: 14 * minute, policy })).toMatchObject({
      phase: 'warning',
      remainingMs: minute,
    });
    expect(idleState({ lastActivity: 0, now: 15 * minute, policy }).phase).toBe('expired');
    expect(idleState({ lastActivity: 0, now: 99 * minute, policy }).remainingMs).toBe(0);
  });

  it('treats a clock that moved backwards as no idle time', () => {
    expect(idleState({ lastActivity: 10 * minute, now: 5 * minute, policy }).phase).toBe('active');
  });

  it('keeps the warning within half of very short timeouts and falls back on bad input', () => {
    expect(idlePolicy(1)).toEqual({ timeoutMs: minute, warningMs: 30_000 });
    expect(idlePolicy(Number.NaN).timeoutMs).toBe(15 * minute);
    expect(idlePolicy(0).timeoutMs).toBe(15 * minute);
  });

  it('needs an explicit choice to stay once the warning shows', () => {
    expect(countsAsActivity('active', false)).toBe(true);
    expect(countsAsActivity('warning', false)).toBe(false);
    expect(countsAsActivity('warning', true)).toBe(true);
    expect(countsAsActivity('expired', true)).toBe(false);
  });

  it('rounds the countdown up', () => {
    expect(secondsLeft(59_001)).toBe(60);
    expect(secondsLeft(1)).toBe(1);
    expect(secondsLeft(0)).toBe(0);
  });
});
