import type { ReactNode } from 'react';
import { Card, Group, Progress, SimpleGrid, Text } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { daysBetween, RAG_LABELS, type TRag } from '@baton/domain';
import { formatCount, formatDateShort, formatDateWithDay } from '../../lib/format';
import { countdownText } from '../transition/format';
import transitionClasses from '../transition/transition.module.css';
import type { JointProgress } from './types';

function Tile({
  label,
  value,
  children,
  testId,
}: {
  label: string;
  value: ReactNode;
  children?: ReactNode;
  testId: string;
}) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Text size="sm" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={800} lh={1.2} c="nhsBlue.9" data-testid={`${testId}-value`}>
        {value}
      </Text>
      {children && (
        <Text size="sm" mt={6} component="div">
          {children}
        </Text>
      )}
    </Card>
  );
}

const RAGS: TRag[] = ['red', 'amber', 'green'];

/** The four numbers a chief executive asks first: how long, will we make it, how far along, how many at red. */
export function Headline({ data, percentRule }: { data: JointProgress; percentRule?: string }) {
  const { programme, matrix, transfersByRag } = data;
  const latest = programme.latestForecastGoLive;
  const late = latest ? daysBetween(programme.expectedServiceCommencement, latest) : 0;
  const transfers = transfersByRag.red + transfersByRag.amber + transfersByRag.green;

  return (
    <SimpleGrid
      type="container"
      cols={{ base: 1, '480px': 2, '960px': 4 }}
      spacing="md"
      component="section"
      aria-label="Headline"
      data-testid="headline"
    >
      <Tile label="Go-live" value={countdownText(programme.daysToGoLive)} testId="tile-go-live">
        Service commencement{' '}
        <time dateTime={programme.expectedServiceCommencement}>
          {formatDateWithDay(programme.expectedServiceCommencement)}
        </time>
      </Tile>
      <Tile
        label="Latest forecast go-live"
        value={latest ? <time dateTime={latest}>{formatDateShort(latest)}</time> : 'No forecast yet'}
        testId="tile-forecast"
      >
        {latest &&
          (late > 0 ? (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconAlertTriangle size={18} color="#b3200f" aria-hidden style={{ flexShrink: 0 }} />
              <span className={transitionClasses.late} style={{ color: '#b3200f' }}>
                {formatCount(late, 'day', 'days')} after the commencement date
              </span>
            </Group>
          ) : transfersByRag.red > 0 ? (
            // The date alone is not the verdict: a red transfer has go-live at risk by the readiness rules.
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconAlertTriangle size={18} color="#b3200f" aria-hidden style={{ flexShrink: 0 }} />
              <span>
                Forecast on or before the commencement date, but{' '}
                {formatCount(transfersByRag.red, 'transfer is', 'transfers are')} red: go-live at risk
              </span>
            </Group>
          ) : (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconCircleCheck size={18} color="#007f3b" aria-hidden style={{ flexShrink: 0 }} />
              <span>On or before the commencement date</span>
            </Group>
          ))}
      </Tile>
      <Tile label="Overall complete" value={`${matrix.overall.percent}%`} testId="tile-complete">
        <Progress.Root size="md" radius="sm" bg="gray.2" mb={6}>
          <Progress.Section
            value={matrix.overall.percent}
            color="nhsBlue.6"
            aria-label={`Whole programme: ${matrix.overall.percent}% complete`}
          />
        </Progress.Root>
        {matrix.overall.done} of {formatCount(matrix.overall.total, 'task', 'tasks')} done
        {percentRule && (
          <Text size="xs" c="dimmed" mt={4}>
            {percentRule}
          </Text>
        )}
      </Tile>
      <Tile
        label="Transfer readiness"
        value={formatCount(transfers, 'transfer', 'transfers')}
        testId="tile-readiness"
      >
        <Group gap={6} wrap="wrap" data-testid="rag-counts">
          {RAGS.map((rag) => (
            <span
              key={rag}
              className={`${transitionClasses.rag} ${transfersByRag[rag] > 0 ? transitionClasses[rag] : ''}`}
              data-rag={rag}
              style={
                transfersByRag[rag] === 0
                  ? { border: '1px solid var(--mantine-color-gray-6)', color: '#212b32' }
                  : undefined
              }
            >
              {transfersByRag[rag]} {RAG_LABELS[rag]}
            </span>
          ))}
        </Group>
      </Tile>
    </SimpleGrid>
  );
}
