import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { CHANGE_KIND_LABELS, CHANGE_KINDS, type TPackDecision, type TChangeKind } from '@baton/domain';
import { Link } from 'react-router';
import { formatCount, formatDateShort } from '../../lib/format';
import { ScoreChip } from '../risks/RiskVisuals';
import { StateChange, TrendMark } from './PackVisuals';
import type { Pack, PackBand, PackChanges, PackRisk } from './types';
import { PackTable } from './PackTable';

const riskUrl = (programmeId: string, riskId: string) => `/p/${programmeId}/risks/${riskId}`;
const nowrap = { whiteSpace: 'nowrap' } as const;

/** "Showing 50 of 64" under a list the pack caps; nothing when it shows them all. */
export function ShowingOf({
  shown,
  total,
  what,
  order = 'the longest overdue first',
}: {
  shown: number;
  total: number;
  what: string;
  /** How the shown ones were chosen. */
  order?: string;
}) {
  if (shown >= total) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="showing-of">
      Showing {shown} of {formatCount(total, what, `${what}s`)}: {order}.
    </Text>
  );
}

const LISTED_IN_FULL = 'the PDF and spreadsheet downloads list them all';

/** How the screen chose the escalated risks it lists when there are more than it shows. */
export const ESCALATED_ORDER = `the highest scores first; ${LISTED_IN_FULL}`;

/** Top or escalated risks: reference, title, organisation, score in its band, trend since the comparison date. */
export function PackRiskTable({
  risks,
  bands,
  programmeId,
  label,
}: {
  risks: readonly PackRisk[];
  bands: readonly PackBand[];
  programmeId: string;
  label: string;
}) {
  return (
    <PackTable label={label} minWidth={700}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={70}>
            Ref
          </Table.Th>
          <Table.Th scope="col">Risk</Table.Th>
          <Table.Th scope="col" w={140}>
            Organisation
          </Table.Th>
          <Table.Th scope="col" w={70}>
            Score
          </Table.Th>
          <Table.Th scope="col" w={92}>
            <abbr title="Trend: the change in score since the last meeting">Trend</abbr>
          </Table.Th>
          <Table.Th scope="col" w={84}>
            Previous
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {risks.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td style={nowrap}>
              <Anchor component={Link} to={riskUrl(programmeId, r.id)} size="sm" fw={700}>
                {r.reference}
              </Anchor>
            </Table.Td>
            <Table.Th scope="row" fw={400}>
              <Text size="sm" fw={600} lh={1.3}>
                {r.title}
              </Text>
              <Text size="xs" c="dimmed">
                {r.category}
                {r.owner ? ` · ${r.owner}` : ''}
              </Text>
            </Table.Th>
            <Table.Td>
              <Text size="sm">{r.organisation}</Text>
            </Table.Td>
            <Table.Td>
              <ScoreChip score={r.state.score} bands={bands} prefix="Score" withTooltip={false} />
            </Table.Td>
            <Table.Td>
              <TrendMark trend={r.trend} previous={r.previousScore} score={r.state.score} />
            </Table.Td>
            <Table.Td>
              {r.previousScore === null ? (
                <Text span size="sm" c="dimmed">
                  None<span className="visually-hidden">: new risk</span>
                </Text>
              ) : (
                <ScoreChip score={r.previousScore} bands={bands} prefix="Previous" withTooltip={false} />
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </PackTable>
  );
}

/**
 * What moved in the register, grouped by kind (new, re-scored up and down, escalated...), each risk with its
 * score and status before and after. Kinds with nothing in them are named in one line at the end.
 */
export function ChangesByKind({
  changes,
  totals,
  bands,
  programmeId,
  period,
  idPrefix,
}: {
  changes: PackChanges;
  /** How many of each kind there are, when the lists are cut for the screen (the pack's summary). */
  totals?: Partial<Record<TChangeKind, number>>;
  bands: readonly PackBand[];
  programmeId: string;
  /** "since the meeting on 1 Nov 2026" */
  period: string;
  idPrefix: string;
}) {
  const kinds = CHANGE_KINDS.filter((k) => changes[k].length > 0);
  const quiet = CHANGE_KINDS.filter((k) => changes[k].length === 0);
  if (kinds.length === 0)
    return (
      <Text size="sm" c="dimmed">
        Nothing on the register has moved {period}.
      </Text>
    );
  return (
    <Stack gap="lg">
      {kinds.map((k) => (
        <ChangeGroup
          key={k}
          kind={k}
          rows={changes[k]}
          total={totals?.[k] ?? changes[k].length}
          bands={bands}
          programmeId={programmeId}
          period={period}
          id={`${idPrefix}-${k}`}
        />
      ))}
      {quiet.length > 0 && (
        <Text size="sm" c="dimmed">
          None {period}: {quiet.map((k) => CHANGE_KIND_LABELS[k].toLowerCase()).join(', ')}.
        </Text>
      )}
      <Text size="xs" c="dimmed">
        A risk can be listed under more than one heading (re-scored up and escalated, for example).
      </Text>
    </Stack>
  );
}

function ChangeGroup({
  kind,
  rows,
  total,
  bands,
  programmeId,
  period,
  id,
}: {
  kind: TChangeKind;
  rows: PackChanges[TChangeKind];
  total: number;
  bands: readonly PackBand[];
  programmeId: string;
  period: string;
  id: string;
}) {
  const title = CHANGE_KIND_LABELS[kind];
  return (
    <Stack gap={6} component="section" aria-labelledby={id} data-change-kind={kind}>
      <Text component="h3" size="sm" fw={700} id={id} m={0}>
        {title} ({total})
      </Text>
      <ShowingOf shown={rows.length} total={total} what="risk" order={`by reference; ${LISTED_IN_FULL}`} />
      <PackTable label={`${title} ${period}`} minWidth={640} verticalSpacing={5} fixed>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={70}>
              Ref
            </Table.Th>
            <Table.Th scope="col">Risk</Table.Th>
            <Table.Th scope="col" w={150}>
              Organisation
            </Table.Th>
            <Table.Th scope="col" w={300}>
              Score and status
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id} data-risk-id={r.id}>
              <Table.Td style={nowrap}>
                <Anchor component={Link} to={riskUrl(programmeId, r.id)} size="sm" fw={700}>
                  {r.reference}
                </Anchor>
              </Table.Td>
              <Table.Th scope="row" fw={400}>
                <Text size="sm" lh={1.3}>
                  {r.title}
                </Text>
              </Table.Th>
              <Table.Td>
                <Text size="sm">{r.organisation}</Text>
              </Table.Td>
              <Table.Td>
                <StateChange from={r.from} to={r.to} bands={bands} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </PackTable>
    </Stack>
  );
}

export function OverdueActionsTable({ pack }: { pack: Pack }) {
  const { items } = pack.overdueActions;
  return (
    <PackTable label="Overdue mitigation actions" minWidth={860} verticalSpacing={5} fixed>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Action</Table.Th>
          <Table.Th scope="col" w="34%">
            Risk
          </Table.Th>
          <Table.Th scope="col" w={150}>
            Owner
          </Table.Th>
          <Table.Th scope="col" w={100}>
            Due
          </Table.Th>
          <Table.Th scope="col" w={80} ta="right">
            Days late
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((a) => (
          <Table.Tr key={a.id}>
            <Table.Td>{a.description}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to={riskUrl(pack.programme.id, a.risk.id)} size="sm">
                <b>{a.risk.reference}</b> {a.risk.title}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {a.owner ?? (
                  <Text span size="sm" c="dimmed">
                    Unassigned
                  </Text>
                )}
              </Text>
              <Text size="xs" c="dimmed">
                {a.organisation}
              </Text>
            </Table.Td>
            <Table.Td style={nowrap}>
              <time dateTime={a.dueDate}>{formatDateShort(a.dueDate)}</time>
            </Table.Td>
            <Table.Td ta="right" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {a.daysOverdue}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </PackTable>
  );
}

export function LateReviewsTable({ pack }: { pack: Pack }) {
  const band = (key: string) => pack.bands.find((b) => b.key === key);
  return (
    <PackTable label="Late risk reviews" minWidth={700} verticalSpacing={5} fixed>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w={70}>
            Ref
          </Table.Th>
          <Table.Th scope="col">Risk</Table.Th>
          <Table.Th scope="col" w={100}>
            Band
          </Table.Th>
          <Table.Th scope="col" w={140}>
            Owner
          </Table.Th>
          <Table.Th scope="col" w={110}>
            Review due
          </Table.Th>
          <Table.Th scope="col" w={80} ta="right">
            Days late
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {pack.overdueReviews.items.map((r) => {
          const b = band(r.band);
          return (
            <Table.Tr key={r.id}>
              <Table.Td style={nowrap}>
                <Anchor component={Link} to={riskUrl(pack.programme.id, r.id)} size="sm" fw={700}>
                  {r.reference}
                </Anchor>
              </Table.Td>
              <Table.Th scope="row" fw={400}>
                {r.title}
              </Table.Th>
              <Table.Td>
                {b ? (
                  <Badge
                    radius="sm"
                    tt="none"
                    styles={{ root: { background: b.colour, color: b.textColour, overflow: 'visible' } }}
                  >
                    {b.label}
                  </Badge>
                ) : (
                  r.band
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.owner ?? 'Unassigned'}</Text>
                <Text size="xs" c="dimmed">
                  {r.organisation}
                </Text>
              </Table.Td>
              <Table.Td style={nowrap}>
                <time dateTime={r.dueOn}>{formatDateShort(r.dueOn)}</time>
              </Table.Td>
              <Table.Td ta="right" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                {r.daysOverdue}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </PackTable>
  );
}

export function DecisionsTable({
  decisions,
  programmeId,
}: {
  decisions: readonly TPackDecision[];
  programmeId: string;
}) {
  return (
    <PackTable label="Decisions required" minWidth={760} fixed name="Decisions required: go/no-go gates">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Gate</Table.Th>
          <Table.Th scope="col" w={120}>
            Due
          </Table.Th>
          <Table.Th scope="col" w={260}>
            Criteria
          </Table.Th>
          <Table.Th scope="col" w={110}>
            Criteria met
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {decisions.map((d) => (
          <Table.Tr key={d.taskId}>
            <Table.Th scope="row" fw={400}>
              <Anchor
                component={Link}
                to={`/p/${programmeId}/transition/tasks/${d.taskId}`}
                size="sm"
                fw={600}
              >
                {d.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {d.transferName} · {d.owner}
              </Text>
            </Table.Th>
            <Table.Td>
              <Stack gap={2} align="flex-start">
                <time dateTime={d.dueDate} style={nowrap}>
                  {formatDateShort(d.dueDate)}
                </time>
                {d.overdue && (
                  <Badge variant="filled" color="red.9" radius="sm" size="sm" tt="none">
                    Overdue
                  </Badge>
                )}
              </Stack>
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={4} title={d.criteria}>
                {d.criteria || 'No criteria recorded'}
              </Text>
            </Table.Td>
            <Table.Td>
              {d.criteriaMet ? (
                <Badge variant="filled" color="#007f3b" radius="sm" tt="none">
                  Met
                </Badge>
              ) : (
                <Badge variant="outline" color="red.9" radius="sm" tt="none">
                  Not met
                </Badge>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </PackTable>
  );
}
