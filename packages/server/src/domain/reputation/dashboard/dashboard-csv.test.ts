import { describe, expect, it } from 'vitest';
import { dashboardCsv } from './dashboard-csv.js';
import type { ItemStats, ReputationDashboard } from './dashboard-types.js';

const stats = (items: number): ItemStats => ({
  items,
  rated: items,
  averageRating: items ? 4.5 : null,
  responded: 0,
  responseRate: items ? 0 : null,
  medianResponseHours: null,
  positive: items,
  neutral: 0,
  negative: 0,
  mixed: 0,
  urgent: 0,
});

describe('dashboardCsv', () => {
  it('writes one long table, formula-safe and quoted where needed', () => {
    const dashboard: ReputationDashboard = {
      filter: { from: '2026-11-02', to: '2026-11-08', bucket: 'week' },
      periods: ['2026-11-02'],
      totals: stats(2),
      series: [{ period: '2026-11-02', ...stats(2) }],
      locations: [
        {
          id: 'loc-1',
          name: '=HYPERLINK("x"), Main',
          items: 2,
          averageRating: 4.5,
          responseRate: 0,
          series: [{ period: '2026-11-02', items: 2, averageRating: 4.5 }],
        },
      ],
      providers: [],
      topics: [
        {
          topic: 'wait_time',
          items: 1,
          negative: 1,
          series: [{ period: '2026-11-02', items: 1, negative: 1 }],
        },
      ],
    };
    const lines = dashboardCsv(dashboard).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'scope,scope_id,name,period,items,rated,average_rating,responded,response_rate,median_response_hours,positive,neutral,negative,mixed,urgent',
    );
    expect(lines[1]).toBe('all,,,2026-11-02,2,2,4.5,0,0,,2,0,0,0,0');
    expect(lines[2]).toBe('all,,,total,2,2,4.5,0,0,,2,0,0,0,0');
    expect(lines[3]).toBe(`location,loc-1,"'=HYPERLINK(""x""), Main",2026-11-02,2,,4.5,,,,,,,,`);
    expect(lines[4]).toBe('topic,wait_time,,2026-11-02,1,,,,,,,,1,,');
    expect(lines).toHaveLength(5);
  });
});
