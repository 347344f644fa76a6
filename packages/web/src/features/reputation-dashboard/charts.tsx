import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { GroupTrend, ReputationDashboard, TopicTrend } from './api';
import { ChartCard } from './chart-card';
import {
  formatHours,
  formatPercent,
  formatRating,
  PARTIAL_NOTE,
  periodLabels,
  topicLabel,
} from './labels';

/** Mantine's default palette (shade 6–7): distinct hues, at least 3:1 against white. */
const COLORS = {
  volume: '#0f766e',
  rating: '#e8590c',
  positive: '#2f9e44',
  neutral: '#868e96',
  negative: '#e03131',
  mixed: '#f08c00',
  responseRate: '#1971c2',
  responseTime: '#9c36b5',
};
const SERIES_COLORS = [
  '#0f766e',
  '#1971c2',
  '#e8590c',
  '#9c36b5',
  '#2f9e44',
  '#c2255c',
  '#5c940d',
  '#868e96',
];

// Series are drawn without animation (isAnimationActive={false}): the charts redraw on every
// filter change, and motion would only get in the way of reading them (and of reduced-motion users).
const axisTick = { fontSize: 12, fill: '#495057' };

export function VolumeRatingChart(props: { data: ReputationDashboard }) {
  const { labels, partial } = periodLabels(props.data.filter, props.data.periods);
  const rows = props.data.series.map((s, i) => ({
    label: labels[i]!,
    items: s.items,
    rating: s.averageRating,
  }));
  const { totals } = props.data;
  return (
    <ChartCard
      note={partial ? PARTIAL_NOTE : undefined}
      title="Volume and average rating"
      summary={`${totals.items} items in ${rows.length} periods; average rating ${formatRating(totals.averageRating)}.`}
      table={{
        columns: ['Period', 'Items', 'Average rating'],
        rows: rows.map((r) => [r.label, r.items, formatRating(r.rating)]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          accessibilityLayer={false}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} />
          <YAxis yAxisId="items" allowDecimals={false} tick={axisTick} />
          <YAxis
            yAxisId="rating"
            orientation="right"
            domain={[1, 5]}
            ticks={[1, 2, 3, 4, 5]}
            tick={axisTick}
          />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar
            isAnimationActive={false}
            yAxisId="items"
            dataKey="items"
            name="Items"
            fill={COLORS.volume}
            radius={[3, 3, 0, 0]}
          />
          <Line
            isAnimationActive={false}
            yAxisId="rating"
            dataKey="rating"
            name="Average rating"
            stroke={COLORS.rating}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function SentimentChart(props: { data: ReputationDashboard }) {
  const { labels, partial } = periodLabels(props.data.filter, props.data.periods);
  const rows = props.data.series.map((s, i) => ({
    label: labels[i]!,
    positive: s.positive,
    neutral: s.neutral,
    negative: s.negative,
    mixed: s.mixed,
  }));
  const t = props.data.totals;
  return (
    <ChartCard
      note={partial ? PARTIAL_NOTE : undefined}
      title="Sentiment"
      summary={`${t.positive} positive, ${t.neutral} neutral, ${t.negative} negative${t.mixed ? `, ${t.mixed} mixed` : ''}.`}
      table={{
        columns: ['Period', 'Positive', 'Neutral', 'Negative', ...(t.mixed > 0 ? ['Mixed'] : [])],
        rows: rows.map((r) => [
          r.label,
          r.positive,
          r.neutral,
          r.negative,
          ...(t.mixed > 0 ? [r.mixed] : []),
        ]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          accessibilityLayer={false}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} />
          <YAxis allowDecimals={false} tick={axisTick} />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar
            isAnimationActive={false}
            dataKey="positive"
            name="Positive"
            stackId="s"
            fill={COLORS.positive}
          />
          <Bar
            isAnimationActive={false}
            dataKey="neutral"
            name="Neutral"
            stackId="s"
            fill={COLORS.neutral}
          />
          {t.mixed > 0 ? (
            <Bar
              isAnimationActive={false}
              dataKey="mixed"
              name="Mixed"
              stackId="s"
              fill={COLORS.mixed}
            />
          ) : null}
          <Bar
            isAnimationActive={false}
            dataKey="negative"
            name="Negative"
            stackId="s"
            fill={COLORS.negative}
          />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

export function ResponseChart(props: { data: ReputationDashboard }) {
  const { labels, partial } = periodLabels(props.data.filter, props.data.periods);
  const rows = props.data.series.map((s, i) => ({
    label: labels[i]!,
    rate: s.responseRate === null ? null : Math.round(s.responseRate * 100),
    hours: s.medianResponseHours,
  }));
  const t = props.data.totals;
  return (
    <ChartCard
      note={partial ? PARTIAL_NOTE : undefined}
      title="Responses"
      summary={`${formatPercent(t.responseRate)} answered; median time to first reply ${formatHours(t.medianResponseHours)}.`}
      table={{
        columns: ['Period', 'Response rate', 'Median response time'],
        rows: props.data.series.map((s, i) => [
          labels[i]!,
          formatPercent(s.responseRate),
          formatHours(s.medianResponseHours),
        ]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart
          accessibilityLayer={false}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} />
          <YAxis yAxisId="rate" domain={[0, 100]} unit="%" tick={axisTick} />
          <YAxis yAxisId="hours" orientation="right" unit=" h" tick={axisTick} />
          <Tooltip />
          <Legend itemSorter={null} />
          <Bar
            isAnimationActive={false}
            yAxisId="rate"
            dataKey="rate"
            name="Response rate (%)"
            fill={COLORS.responseRate}
            radius={[3, 3, 0, 0]}
          />
          <Line
            isAnimationActive={false}
            yAxisId="hours"
            dataKey="hours"
            name="Median hours to reply"
            stroke={COLORS.responseTime}
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
          />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** The five most talked-about topics over time (the table lists them all). */
export function TopicChart(props: { data: ReputationDashboard }) {
  const { labels, partial } = periodLabels(props.data.filter, props.data.periods);
  const top = props.data.topics.slice(0, 5);
  const rows = props.data.periods.map((_period, i) => {
    const row: Record<string, string | number> = { label: labels[i]! };
    for (const t of top) row[t.topic] = t.series[i]?.items ?? 0;
    return row;
  });
  const summary =
    props.data.topics.length === 0
      ? 'No topics in this range.'
      : `Most mentioned: ${top
          .slice(0, 3)
          .map((t) => `${topicLabel(t.topic)} (${t.items}, ${negativeShare(t)} negative)`)
          .join('; ')}.`;
  return (
    <ChartCard
      note={partial ? PARTIAL_NOTE : undefined}
      title="Topics"
      summary={summary}
      table={{
        columns: ['Topic', 'Items', 'Negative'],
        rows: props.data.topics.map((t) => [topicLabel(t.topic), t.items, negativeShare(t)]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          accessibilityLayer={false}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} />
          <YAxis allowDecimals={false} tick={axisTick} />
          <Tooltip />
          <Legend itemSorter={null} />
          {top.map((t, i) => (
            <Line
              isAnimationActive={false}
              key={t.topic}
              dataKey={t.topic}
              name={topicLabel(t.topic)}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              strokeWidth={2}
              dot={{ r: 2 }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

function negativeShare(t: TopicTrend): string {
  return t.items > 0 ? formatPercent(t.negative / t.items) : '—';
}

/** Average rating over time for each location or provider (top six by volume in the chart). */
export function GroupTrendChart(props: {
  title: string;
  groups: GroupTrend[];
  data: ReputationDashboard;
}) {
  const { labels, partial } = periodLabels(props.data.filter, props.data.periods);
  const shown = props.groups.slice(0, 6);
  const key = (g: GroupTrend) => g.id ?? 'none';
  const rows = props.data.periods.map((_period, i) => {
    const row: Record<string, string | number | null> = { label: labels[i]! };
    for (const g of shown) row[key(g)] = g.series[i]?.averageRating ?? null;
    return row;
  });
  const best = [...props.groups]
    .filter((g) => g.averageRating !== null)
    .sort((a, b) => (b.averageRating ?? 0) - (a.averageRating ?? 0))[0];
  return (
    <ChartCard
      note={partial ? PARTIAL_NOTE : undefined}
      title={props.title}
      summary={
        props.groups.length === 0
          ? 'Nothing received in this range.'
          : `${props.groups.length} in range${best ? `; highest average rating: ${best.name} (${formatRating(best.averageRating)})` : ''}.`
      }
      table={{
        columns: ['Name', 'Items', 'Average rating', 'Response rate'],
        rows: props.groups.map((g) => [
          g.name,
          g.items,
          formatRating(g.averageRating),
          formatPercent(g.responseRate),
        ]),
      }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <LineChart
          accessibilityLayer={false}
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: -8 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={axisTick} />
          <YAxis domain={[1, 5]} ticks={[1, 2, 3, 4, 5]} tick={axisTick} />
          <Tooltip />
          <Legend itemSorter={null} />
          {shown.map((g, i) => (
            <Line
              isAnimationActive={false}
              key={key(g)}
              dataKey={key(g)}
              name={g.name}
              stroke={SERIES_COLORS[i % SERIES_COLORS.length]}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
