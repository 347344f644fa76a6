import { Paper, Stack, Table, Text, Title, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';

export interface DataTable {
  columns: string[];
  rows: (string | number)[][];
}

/**
 * A chart with a heading, a one-line summary for screen readers and everyone else, and its
 * numbers as a real table behind a toggle (charts alone are not accessible). The chart itself is
 * one image to assistive technology and takes no keyboard focus; the table is the way in.
 */
export function ChartCard(props: {
  title: string;
  summary: string;
  table: DataTable;
  /** A footnote under the chart (e.g. what an asterisk on a period means). */
  note?: string | undefined;
  children: ReactNode;
}) {
  const [showTable, setShowTable] = useState(false);
  const headingId = useId();
  const tableId = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {props.title}
        </Title>
        <Text size="sm" c="dimmed">
          {props.summary}
        </Text>
        <div role="img" aria-label={`${props.title}: ${props.summary}`} style={{ height: 260 }}>
          {props.children}
        </div>
        {props.note ? (
          <Text size="xs" c="dimmed">
            {props.note}
          </Text>
        ) : null}
        <UnstyledButton
          onClick={() => setShowTable((v) => !v)}
          aria-expanded={showTable}
          aria-controls={tableId}
          fz="sm"
          c="bedside.7"
          style={{ alignSelf: 'flex-start', textDecoration: 'underline' }}
        >
          {showTable ? 'Hide the numbers' : 'Show the numbers'}
          <VisuallyHidden> for {props.title}</VisuallyHidden>
        </UnstyledButton>
        {showTable ? (
          <Table.ScrollContainer minWidth={320} id={tableId}>
            <Table striped withTableBorder fz="sm">
              <Table.Caption>{props.title}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  {props.table.columns.map((c) => (
                    <Table.Th key={c} scope="col">
                      {c}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {props.table.rows.map((row, i) => (
                  <Table.Tr key={i}>
                    {row.map((cell, j) =>
                      j === 0 ? (
                        <Table.Th key={j} scope="row" fw={500}>
                          {cell}
                        </Table.Th>
                      ) : (
                        <Table.Td key={j}>{cell}</Table.Td>
                      ),
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
      </Stack>
    </Paper>
  );
}
