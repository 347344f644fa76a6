import { describe, expect, it } from 'vitest';
import { includesKind, toggleLevel, widerLevel } from './alert-levels';

describe('alert levels per channel', () => {
  it('ticking a kind includes the narrower ones; unticking drops it and the wider ones', () => {
    expect(toggleLevel('none', 'negative', true)).toBe('negative');
    expect(includesKind('negative', 'urgent')).toBe(true);
    expect(includesKind('negative', 'all')).toBe(false);
    expect(toggleLevel('all', 'negative', false)).toBe('urgent');
    expect(toggleLevel('negative', 'urgent', false)).toBe('none');
    expect(toggleLevel('all', 'urgent', true)).toBe('all');
    expect(toggleLevel('urgent', 'all', false)).toBe('negative');
  });

  it('summarises two channels by the wider level', () => {
    expect(widerLevel('urgent', 'negative')).toBe('negative');
    expect(widerLevel('all', 'none')).toBe('all');
    expect(widerLevel('none', 'none')).toBe('none');
  });

  it('treats a level it does not know as the narrowest', () => {
    expect(includesKind('loud' as never, 'urgent')).toBe(false);
    expect(toggleLevel('loud' as never, 'urgent', true)).toBe('urgent');
  });
});
