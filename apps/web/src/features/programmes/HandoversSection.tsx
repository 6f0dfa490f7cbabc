import { Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import type { Lot, Party } from '../../lib/trpc';
import { handovers } from './partyGroups';

function Names({ organisations, none }: { organisations: Party['organisation'][]; none: string }) {
  if (organisations.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {none}
      </Text>
    );
  return (
    <Stack gap={2}>
      {organisations.map((o) => (
        <Text key={o.id} size="sm">
          {o.name}
        </Text>
      ))}
    </Stack>
  );
}

/** "Who hands over to whom": the outgoing and incoming providers of each lot. */
export function HandoversSection({ lots, parties }: { lots: Lot[]; parties: Party[] }) {
  const rows = handovers(lots, parties);
  if (rows.length === 0) return null;
  return (
    <Section id="handovers" title="Who hands over to whom">
      <TableScroll label="Handovers table" minWidth={520}>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Lot</Table.Th>
              <Table.Th scope="col">Outgoing</Table.Th>
              <Table.Th scope="col" w={32}>
                <span className="visually-hidden">hands over to</span>
              </Table.Th>
              <Table.Th scope="col">Incoming</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.lot?.id ?? 'programme'}>
                <Table.Th scope="row" fw={600}>
                  {row.lot ? (
                    <Group gap={6} wrap="nowrap" align="baseline">
                      <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
                        {row.lot.code}
                      </Text>
                      <Text size="sm">{row.lot.name}</Text>
                    </Group>
                  ) : (
                    'Whole programme'
                  )}
                </Table.Th>
                <Table.Td>
                  <Names organisations={row.outgoing} none="None named" />
                </Table.Td>
                <Table.Td>
                  <IconArrowRight size={18} aria-hidden />
                </Table.Td>
                <Table.Td>
                  <Names organisations={row.incoming} none="Not yet awarded" />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Section>
  );
}
