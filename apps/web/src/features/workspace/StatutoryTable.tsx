import { Anchor, Table, Text } from '@mantine/core';
import type { TMilestoneState } from '@baton/domain';
import { Link } from 'react-router';
import { TableScroll } from '../../components/TableScroll';
import { formatDateShort } from '../../lib/format';
import { countdownText } from '../transition/format';
import { MilestoneStateBadge } from '../transition/ui';
import type { StatutoryDate } from './types';
import classes from './workspace.module.css';

const STATES: readonly TMilestoneState[] = ['done', 'missed', 'due_soon', 'upcoming'];

/** The dates the law and the contract fix, soonest first; each opens to show the rule it comes from. */
export function StatutoryTable({ dates, programmeId }: { dates: StatutoryDate[]; programmeId: string }) {
  return (
    <TableScroll label="Statutory dates" minWidth={760}>
      <Table verticalSpacing="xs" layout="fixed" className={classes.table}>
        <Table.Caption className="visually-hidden">Statutory dates, soonest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={130}>
              Date
            </Table.Th>
            <Table.Th scope="col">Statutory date</Table.Th>
            <Table.Th scope="col" w={230}>
              Transfer
            </Table.Th>
            <Table.Th scope="col" w={110}>
              State
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {dates.map((d) => (
            <Table.Tr key={`${d.transferId}-${d.key}`}>
              <Table.Td>
                <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={d.date}>{formatDateShort(d.date)}</time>
                </Text>
                <Text
                  size="xs"
                  c={d.daysAway < 0 ? undefined : 'dimmed'}
                  className={d.daysAway < 0 ? classes.late : undefined}
                >
                  {countdownText(d.daysAway)}
                </Text>
              </Table.Td>
              <Table.Th scope="row" fw={400}>
                <details className={classes.rule}>
                  <summary>
                    <Text span size="sm" fw={600}>
                      {d.label}
                    </Text>
                    <Text span size="xs" c="dimmed">
                      {' '}
                      · why this date
                    </Text>
                  </summary>
                  <Text size="sm" mt={4}>
                    {d.rule}
                  </Text>
                </details>
              </Table.Th>
              <Table.Td>
                <Anchor component={Link} to={`/p/${programmeId}/transition/${d.transferId}`} size="sm">
                  {d.transferName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <MilestoneStateBadge
                  state={
                    STATES.includes(d.state as TMilestoneState) ? (d.state as TMilestoneState) : 'upcoming'
                  }
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
