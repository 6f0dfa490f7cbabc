import { Accordion, Group, Stack, Text } from '@mantine/core';
import { IconScale } from '@tabler/icons-react';
import { formatDate, formatDateShort } from '../../lib/format';
import type { PlanMilestone } from './types';
import { MilestoneStateBadge } from './ui';

/** The dates the law and the contract fix for a transfer; each opens to show the rule it comes from. */
export function Milestones({ milestones }: { milestones: PlanMilestone[] }) {
  if (milestones.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No statutory dates apply.
      </Text>
    );
  return (
    <Accordion variant="separated" radius="sm" chevronPosition="right" multiple>
      {milestones.map((m) => (
        <Accordion.Item key={m.key} value={m.key} data-state={m.state}>
          <Accordion.Control icon={<IconScale size={18} aria-hidden />}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={600}>
                  {m.label}
                </Text>
                <Text size="sm" c="dimmed">
                  <time dateTime={m.date}>{formatDate(m.date)}</time>
                </Text>
              </Stack>
              <MilestoneStateBadge state={m.state} />
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap={4}>
              <Text size="sm">{m.rule}</Text>
              {m.doneOn && (
                <Text size="sm" c="dimmed">
                  Done on {formatDateShort(m.doneOn)}
                </Text>
              )}
              {m.isDeadline && !m.doneOn && (
                <Text size="sm" c="dimmed">
                  A deadline: it turns red if it passes before the work is done.
                </Text>
              )}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
  );
}
