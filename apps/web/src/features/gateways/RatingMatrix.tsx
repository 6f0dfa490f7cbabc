import { Fragment } from 'react';
import { Box, Button, Group, Stack, Table, Text } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { GATEWAY_RATING_LABELS, type TGatewayRating } from '@baton/domain';
import { TableScroll } from '../../components/TableScroll';
import { RATING_STYLE, RatingBadge, RatingLegend } from './ratings';
import type { GatewayCriterion, GatewayDomain, GatewayView } from './types';

function Cell({
  rating,
  who,
  comment,
}: {
  rating: TGatewayRating | undefined;
  who: string;
  comment?: string;
}) {
  if (!rating)
    return (
      <Table.Td ta="center">
        <Text size="xs" c="dimmed" aria-label={`${who}: not rated`}>
          –
        </Text>
      </Table.Td>
    );
  const s = RATING_STYLE[rating];
  const text = (
    <Text size="xs" fw={700} c={s.fg} aria-label={`${who}: ${GATEWAY_RATING_LABELS[rating]}`}>
      {s.short}
    </Text>
  );
  return (
    <Table.Td ta="center" style={{ background: s.bg }}>
      {comment ? (
        <LazyTooltip label={`${who}: ${comment}`} multiline w={280} withArrow>
          <Box component="span" tabIndex={0}>
            {text}
          </Box>
        </LazyTooltip>
      ) : (
        text
      )}
    </Table.Td>
  );
}

/** Whether the panel agrees on a criterion: said only once every member has rated it. */
function SpreadNote({
  spread,
  panelSize,
}: {
  spread: NonNullable<GatewayCriterion['spread']>;
  panelSize: number;
}) {
  const rated = spread.assured + spread.partially_assured + spread.not_assured;
  if (rated < panelSize)
    return (
      <Text size="xs" c="dimmed">
        {rated} of {panelSize} rated
      </Text>
    );
  return (
    <Text size="xs" c={spread.agreed ? 'dimmed' : '#8a4b00'}>
      {spread.agreed ? 'Panel unanimous' : 'Panel differs: agree it in moderation'}
    </Text>
  );
}

/**
 * The heat map of a gateway: a row per criterion under its domain, a column per panel member (once the caller
 * may see colleagues' ratings), and the agreed rating. Moderators agree each criterion and domain from here.
 */
export function RatingMatrix({
  view,
  onModerate,
}: {
  view: GatewayView;
  onModerate:
    | ((
        target: { kind: 'criterion'; row: GatewayCriterion } | { kind: 'domain'; row: GatewayDomain },
      ) => void)
    | null;
}) {
  const panel = view.seesOthers ? view.panel : [];
  const ratingOf = (criterionId: string, userId: string) =>
    view.ratings.find((r) => r.criterionId === criterionId && r.panelUserId === userId);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          {view.panelSide && !view.seesOthers
            ? 'Colleagues’ ratings appear here once you have rated every criterion yourself, or when moderation opens: each member scores independently.'
            : view.rollUpRule}
        </Text>
        <RatingLegend />
      </Group>
      <TableScroll label="Ratings by criterion" minWidth={640 + panel.length * 70}>
        <Table verticalSpacing={6} withColumnBorders data-testid="gateway-matrix">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Criterion</Table.Th>
              {panel.map((p) => (
                <Table.Th key={p.id} scope="col" ta="center" w={70}>
                  <LazyTooltip label={p.name} withArrow>
                    <Text size="xs" fw={700} tabIndex={0}>
                      {p.name
                        .split(/\s+/)
                        .map((w) => w[0])
                        .join('')}
                      <Box component="span" className="visually-hidden">
                        {' '}
                        ({p.name})
                      </Box>
                    </Text>
                  </LazyTooltip>
                </Table.Th>
              ))}
              <Table.Th scope="col" w={200}>
                Agreed
              </Table.Th>
              {onModerate && (
                <Table.Th scope="col" w={110}>
                  <span className="visually-hidden">Moderate</span>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.domains.map((d) => (
              <Fragment key={d.id}>
                <Table.Tr bg="var(--mantine-color-gray-1)">
                  <Table.Th scope="rowgroup" colSpan={1 + panel.length}>
                    <Group gap="xs">
                      <Text fw={700} size="sm">
                        {d.name}
                      </Text>
                      {d.rolledUp && !d.agreedRating && (
                        <Text size="xs" c="dimmed">
                          criteria point to {GATEWAY_RATING_LABELS[d.rolledUp].toLowerCase()}
                        </Text>
                      )}
                    </Group>
                  </Table.Th>
                  <Table.Td>
                    <Stack gap={2}>
                      <RatingBadge rating={d.agreedRating} size="xs" />
                      {d.agreedReasons && (
                        <Text size="xs" lineClamp={3}>
                          {d.agreedReasons}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  {onModerate && (
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="default"
                        onClick={() => onModerate({ kind: 'domain', row: d })}
                      >
                        Agree domain
                        <span className="visually-hidden"> {d.name}</span>
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
                {d.criteria.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row" fw={400}>
                      <Text size="sm">{c.text}</Text>
                    </Table.Th>
                    {panel.map((p) => {
                      const r = ratingOf(c.id, p.id);
                      return (
                        <Cell key={p.id} rating={r?.rating} who={p.name} comment={r?.comment || undefined} />
                      );
                    })}
                    <Table.Td>
                      <Stack gap={2}>
                        <RatingBadge rating={c.agreedRating} size="xs" />
                        {c.agreedReasons && (
                          <Text size="xs" lineClamp={3}>
                            {c.agreedReasons}
                          </Text>
                        )}
                        {c.spread && !c.agreedRating && (
                          <SpreadNote spread={c.spread} panelSize={view.panel.length} />
                        )}
                      </Stack>
                    </Table.Td>
                    {onModerate && (
                      <Table.Td>
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => onModerate({ kind: 'criterion', row: c })}
                        >
                          Agree
                          <span className="visually-hidden"> {c.text}</span>
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Fragment>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}
