import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { countsAsActivity, idlePolicy, idleState, type IdleState } from './idle-timer';

const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'mousemove'] as const;
const sharedKey = 'bedside.lastActivity';
const heartbeatEveryMs = 2 * 60_000;

function readShared(): number {
  try {
    return Number(window.localStorage.getItem(sharedKey)) || 0;
  } catch {
    return 0;
  }
}

function writeShared(at: number): void {
  try {
    window.localStorage.setItem(sharedKey, String(at));
  } catch {
    // Without storage each tab keeps its own clock.
  }
}

/**
 * Tracks activity (shared across tabs) and reports the idle phase every second. Calls
 * `onExpire` once when the timeout passes and `onHeartbeat` at most every two minutes while the
 * user is active, so the server's own idle clock sees the same activity.
 */
export function useIdleLogoff(options: {
  idleTimeoutMinutes: number;
  onExpire: () => void;
  onHeartbeat: () => void;
}) {
  const policy = useMemo(
    () => idlePolicy(options.idleTimeoutMinutes),
    [options.idleTimeoutMinutes],
  );
  const lastActivity = useRef(Math.max(Date.now(), readShared()));
  const lastHeartbeat = useRef(Date.now());
  const [state, setState] = useState<IdleState>(() =>
    idleState({ lastActivity: lastActivity.current, now: Date.now(), policy }),
  );
  const handlers = useRef(options);
  handlers.current = options;
  const expired = useRef(false);

  const touch = useCallback(
    (explicit: boolean) => {
      const now = Date.now();
      const phase = idleState({ lastActivity: lastActivity.current, now, policy }).phase;
      if (!countsAsActivity(phase, explicit)) return;
      lastActivity.current = now;
      if (now - lastHeartbeat.current > heartbeatEveryMs || explicit) {
        lastHeartbeat.current = now;
        handlers.current.onHeartbeat();
      }
      writeShared(now);
      if (phase !== 'active') setState(idleState({ lastActivity: now, now, policy }));
    },
    [policy],
  );

  useEffect(() => {
    let throttled = 0;
    const onActivity = () => {
      const now = Date.now();
      if (now - throttled < 1000) return;
      throttled = now;
      touch(false);
    };
    for (const name of activityEvents) window.addEventListener(name, onActivity, { passive: true });
    const tick = window.setInterval(() => {
      lastActivity.current = Math.max(lastActivity.current, readShared());
      const next = idleState({ lastActivity: lastActivity.current, now: Date.now(), policy });
      setState(next);
      if (next.phase === 'expired' && !expired.current) {
        expired.current = true;
        handlers.current.onExpire();
      }
    }, 1000);
    return () => {
      for (const name of activityEvents) window.removeEventListener(name, onActivity);
      window.clearInterval(tick);
    };
  }, [touch, policy]);

  return { state, staySignedIn: () => touch(true) };
}
