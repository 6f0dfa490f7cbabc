import { Badge, type BadgeProps } from '@mantine/core';
import type { TProgrammeStage } from '@baton/domain';
import { stageLabel } from '../../lib/labels';

/** One colour per stage, each checked for at least 4.5:1 against its (auto-contrast) text. */
const STAGE_COLOURS: Record<TProgrammeStage, string> = {
  pre_procurement: 'gray.7',
  procurement: 'nhsBlue.6',
  evaluation: 'violet.8',
  standstill: '#FFB81C',
  contract_award: 'teal.9',
  transition: 'nhsBlue.9',
  live: '#007F3B',
  closed: 'gray.9',
};

export function StageBadge({ stage, ...props }: { stage: string } & BadgeProps) {
  const colour = STAGE_COLOURS[stage as TProgrammeStage] ?? 'gray.7';
  return (
    <Badge color={colour} variant="filled" radius="sm" {...props}>
      {stageLabel(stage)}
    </Badge>
  );
}
