import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowDownRight, IconArrowRight, IconArrowUpRight } from '@tabler/icons-react';
import type { TRag } from '@baton/domain';
import { Link } from 'react-router';
import { Section } from '../../components/Section';
import { formatDate } from '../../lib/format';
import { deltaText } from '../steering/packFormat';
import { ChangesByKind } from '../steering/PackTables';
import type { PackBand } from '../steering/types';
import { RagBadge } from '../transition/ui';
import type { Comparison } from './types';
import '../steering/steering.css';
import { PackTable } from '../steering/PackTable';

const RAG_ORDER: Record<TRag, number> = { green: 0, amber: 1, red: 2 };

function Delta({ then, now }: { then: number; now: number }) {
  const d = now - then;
  const Icon = d > 0 ? IconArrowUpRight : d < 0 ? IconArrowDownRight : IconArrowRight;
  return (
    <Group gap={4} wrap="nowrap" c={d === 0 ? 'gray.8' : 'gray.9'}>
      <Icon size={16} aria-hidden />
      <Text span size="sm" fw={d === 0 ? 400 : 700}>
        {deltaText(then, now)}
      </Text>
    </Group>
  );
}

function RagCell({ rag }: { rag: TRag | null }) {
  if (!rag)
    return (
      <Text span size="sm" c="dimmed">
        Not in the pack
      </Text>
    );
  return <RagBadge rag={rag} />;
}

/** Readiness then and now, in words: "Better", "Worse", "Same". */
function ragMove(then: TRag | null, now: TRag | null): string {
  if (!then) return 'New transfer';
  if (!now) return 'No longer listed';
  const d = RAG_ORDER[now] - RAG_ORDER[then];
  return d === 0 ? 'No change' : d > 0 ? 'Worse' : 'Better';
}

/**
 * The frozen pack against today: the headline figures then and now, every risk that moved (same rules as
 * "what changed"), and each transfer's readiness then and now.
 */
export function ComparisonView({
  comparison,
  bands,
  programmeId,
}: {
  comparison: Comparison;
  bands: readonly PackBand[];
  programmeId: string;
}) {
  const thenLabel = `At the meeting (${formatDate(comparison.then.asAt)})`;
  const nowLabel = `Today (${formatDate(comparison.now.asAt)})`;
  const period =
    comparison.then.asAt === comparison.now.asAt
      ? 'since the pack was frozen'
      : `between ${formatDate(comparison.then.asAt)} and today`;
  return (
    <Stack gap="lg">
      <Text size="sm">
        The pack frozen as at <b>{formatDate(comparison.then.asAt)}</b> against the register and plans today,{' '}
        <b>{formatDate(comparison.now.asAt)}</b>. The frozen pack itself never changes.
      </Text>
      <Section id="compare-figures" title="The figures then and now">
        <PackTable
          label="Figures then and now"
          minWidth={560}
          horizontalSpacing="md"
          name="Figures at the meeting and today"
          maw={900}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Figure</Table.Th>
              <Table.Th scope="col" ta="right">
                {thenLabel}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {nowLabel}
              </Table.Th>
              <Table.Th scope="col" w={140}>
                Change
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {comparison.figures.map((f) => (
              <Table.Tr key={f.key} data-figure={f.key}>
                <Table.Th scope="row" fw={600}>
                  {f.label}
                </Table.Th>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {f.then}
                </Table.Td>
                <Table.Td ta="right" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {f.now}
                </Table.Td>
                <Table.Td>
                  <Delta then={f.then} now={f.now} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </PackTable>
      </Section>

      <Section id="compare-changes" title="Risks that moved since the meeting">
        <ChangesByKind
          changes={comparison.changes}
          bands={bands}
          programmeId={programmeId}
          period={period}
          idPrefix="compare-change"
        />
      </Section>

      <Section id="compare-readiness" title="Readiness then and now">
        {comparison.readiness.length === 0 ? (
          <Text size="sm" c="dimmed">
            No transfers, then or now.
          </Text>
        ) : (
          <PackTable
            label="Readiness then and now"
            minWidth={720}
            horizontalSpacing="md"
            name="Readiness for go-live at the meeting and today"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Transfer</Table.Th>
                <Table.Th scope="col" w={130}>
                  At the meeting
                </Table.Th>
                <Table.Th scope="col" w={110}>
                  Today
                </Table.Th>
                <Table.Th scope="col" w={110}>
                  Change
                </Table.Th>
                <Table.Th scope="col">Why, today</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {comparison.readiness.map((t) => (
                <Table.Tr key={t.transferId}>
                  <Table.Th scope="row" fw={600}>
                    <Anchor
                      component={Link}
                      to={`/p/${programmeId}/transition/${t.transferId}`}
                      size="sm"
                      fw={600}
                    >
                      {t.name}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    <RagCell rag={t.then} />
                  </Table.Td>
                  <Table.Td>
                    <RagCell rag={t.now} />
                  </Table.Td>
                  <Table.Td>{ragMove(t.then, t.now)}</Table.Td>
                  <Table.Td>
                    {t.reasonsNow.length === 0 ? (
                      '—'
                    ) : (
                      <ul style={{ margin: 0, paddingLeft: '1.1rem' }}>
                        {t.reasonsNow.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </PackTable>
        )}
      </Section>
    </Stack>
  );
}
