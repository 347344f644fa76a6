import type { ItemStats, ReputationDashboard } from './dashboard-types.js';

const COLUMNS = [
  'scope',
  'scope_id',
  'name',
  'period',
  'items',
  'rated',
  'average_rating',
  'responded',
  'response_rate',
  'median_response_hours',
  'positive',
  'neutral',
  'negative',
  'mixed',
  'urgent',
] as const;

type Row = Partial<Record<(typeof COLUMNS)[number], string | number | null>>;

/** RFC 4180 cell; text that a spreadsheet would run as a formula (= + - @) is quoted with '. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function statsRow(stats: ItemStats): Row {
  return {
    items: stats.items,
    rated: stats.rated,
    average_rating: stats.averageRating,
    responded: stats.responded,
    response_rate: stats.responseRate,
    median_response_hours: stats.medianResponseHours,
    positive: stats.positive,
    neutral: stats.neutral,
    negative: stats.negative,
    mixed: stats.mixed,
    urgent: stats.urgent,
  };
}

/**
 * The dashboard as one long CSV table: the whole practice per period and in total, then each
 * location, provider and topic per period. Aggregates only — no item text or author.
 */
export function dashboardCsv(dashboard: ReputationDashboard): string {
  const rows: Row[] = [];
  for (const s of dashboard.series) rows.push({ scope: 'all', period: s.period, ...statsRow(s) });
  rows.push({ scope: 'all', period: 'total', ...statsRow(dashboard.totals) });
  for (const [scope, groups] of [
    ['location', dashboard.locations],
    ['provider', dashboard.providers],
  ] as const) {
    for (const g of groups) {
      for (const s of g.series) {
        rows.push({
          scope,
          scope_id: g.id,
          name: g.name,
          period: s.period,
          items: s.items,
          average_rating: s.averageRating,
        });
      }
    }
  }
  for (const t of dashboard.topics) {
    for (const s of t.series) {
      rows.push({
        scope: 'topic',
        scope_id: t.topic,
        period: s.period,
        items: s.items,
        negative: s.negative,
      });
    }
  }
  const lines = [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
