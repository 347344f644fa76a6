import { describe, expect, it } from 'vitest';
import {
  formatHours,
  formatPercent,
  formatRating,
  periodLabel,
  periodLabels,
  topicLabel,
} from './labels';
import { dashboardQuery } from './api';

describe('reputation dashboard labels', () => {
  it('names periods by bucket', () => {
    expect(periodLabel('2026-11-23', 'week')).toBe('Nov 23');
    expect(periodLabel('2026-11-01', 'month')).toBe('Nov 2026');
    expect(periodLabel('2026-01-05', 'day')).toBe('Jan 5');
  });

  it('formats response times, shares and ratings', () => {
    expect(formatHours(null)).toBe('—');
    expect(formatHours(0.5)).toBe('30 min');
    expect(formatHours(5.25)).toBe('5.3 h');
    expect(formatHours(72)).toBe('3 days');
    expect(formatPercent(0.756)).toBe('76%');
    expect(formatPercent(null)).toBe('—');
    expect(formatRating(4)).toBe('4.00');
    expect(formatRating(null)).toBe('—');
  });

  it('labels known topics and keeps unknown ids readable', () => {
    expect(topicLabel('wait_time')).toBe('Wait time');
    expect(topicLabel('new_topic')).toBe('new topic');
  });

  it('builds the query string without empty filters', () => {
    expect(dashboardQuery({ bucket: 'week', locationId: '', from: '2026-11-01' })).toBe(
      '?bucket=week&from=2026-11-01',
    );
  });
});

describe('periodLabels', () => {
  it('marks periods only partly inside the range', () => {
    expect(
      periodLabels({ from: '2026-08-31', to: '2026-11-28', bucket: 'month' }, [
        '2026-08-01',
        '2026-09-01',
        '2026-10-01',
        '2026-11-01',
      ]),
    ).toEqual({ labels: ['Aug 2026*', 'Sep 2026', 'Oct 2026', 'Nov 2026*'], partial: true });
    expect(
      periodLabels({ from: '2026-11-02', to: '2026-11-15', bucket: 'week' }, [
        '2026-11-02',
        '2026-11-09',
      ]),
    ).toEqual({ labels: ['Nov 2', 'Nov 9'], partial: false });
  });
});
