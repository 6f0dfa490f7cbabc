import { useState, type ReactNode } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Group, SegmentedControl, Select, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { daysBetween } from '@baton/domain';
import { useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { errorCode } from '../../lib/errors';
import { formatDateWithDay } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { AwaitingTable } from './AwaitingTable';
import { BlockedList } from './BlockedList';
import { CountTiles, type TileKey } from './CountTiles';
import { StatutoryTable } from './StatutoryTable';
import { TaskTable } from './TaskTable';
import type { Workspace } from './types';
import classes from './workspace.module.css';
import { WorkspaceTaskEditor, type EditRequest } from './WorkspaceTaskEditor';
import { WEEKS, workspaceInput } from './workspaceInput';

const WEEK_OPTIONS = WEEKS.map((w) => ({ value: w, label: w === '1' ? 'Next week' : `Next ${w} weeks` }));

/** A section that the count tiles jump to: focusable, so focus follows the jump. */
function JumpSection({
  tile,
  title,
  intro,
  children,
}: {
  tile: TileKey;
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div id={`ws-${tile}`} tabIndex={-1} className={classes.anchor} data-testid={`section-${tile}`}>
      <Section id={`ws-${tile}-section`} title={title}>
        {intro && (
          <Text size="sm" c="dimmed" mt={-8}>
            {intro}
          </Text>
        )}
        {children}
      </Section>
    </div>
  );
}

/** "Nothing overdue — well done": an empty list said kindly, with a tick. */
function Empty({ children }: { children: ReactNode }) {
  return (
    <div className={classes.empty}>
      <IconCircleCheck size={20} color="#007f3b" aria-hidden style={{ flexShrink: 0 }} />
      <Text size="sm">{children}</Text>
    </div>
  );
}

function Sections({
  data,
  programmeId,
  horizonDays,
  onEdit,
}: {
  data: Workspace;
  programmeId: string;
  horizonDays: number;
  onEdit: (taskId: string) => void;
}) {
  const mine = data.scope === 'mine';
  const your = mine ? 'your' : data.scope === 'organisation' ? 'your organisation’s' : 'the programme’s';
  const count = (title: string, n: number) => `${title} (${n})`;
  return (
    <>
      <JumpSection
        tile="overdue"
        title={count('Overdue', data.counts.overdue)}
        intro="Tasks past their due date, and mitigation actions and risk reviews past theirs: the count is all three."
      >
        {data.overdue.length === 0 && data.overdueOther.length === 0 ? (
          <Empty>Nothing overdue — well done.</Empty>
        ) : (
          <>
            {data.overdue.length > 0 && (
              <TaskTable
                label="Overdue tasks"
                variant="overdue"
                tasks={data.overdue}
                today={data.today}
                programmeId={programmeId}
                onEdit={onEdit}
              />
            )}
            {data.overdueOther.length > 0 && (
              <AwaitingTable items={data.overdueOther} programmeId={programmeId} today={data.today} />
            )}
          </>
        )}
      </JumpSection>

      <JumpSection tile="dueSoon" title={count(`Due in the next ${horizonDays} days`, data.counts.dueSoon)}>
        {data.dueSoon.length === 0 ? (
          <Empty>Nothing due in the next {horizonDays} days.</Empty>
        ) : (
          <TaskTable
            label={`Tasks due in the next ${horizonDays} days`}
            variant="dueSoon"
            tasks={data.dueSoon}
            today={data.today}
            programmeId={programmeId}
            onEdit={onEdit}
          />
        )}
      </JumpSection>

      <JumpSection
        tile="blocked"
        title={count('Blocked', data.counts.blocked)}
        intro={`Tasks starting in the next ${horizonDays} days that wait on unfinished tasks: chase their owners.`}
      >
        {data.blocked.length === 0 ? (
          <Empty>
            Nothing blocked: every one of {your} tasks starting in the next {horizonDays} days has what it
            waits for.
          </Empty>
        ) : (
          <BlockedList items={data.blocked} programmeId={programmeId} today={data.today} />
        )}
      </JumpSection>

      <JumpSection
        tile="critical"
        title={count('On the critical path', data.counts.critical)}
        intro="Critical means no float left: a slip in any of these moves the forecast go-live. A negative float says how far the forecast already passes the transfer date through that task."
      >
        {data.critical.length === 0 ? (
          <Empty>None of {your} open tasks is on the critical path.</Empty>
        ) : (
          <TaskTable
            label="Tasks on the critical path"
            variant="critical"
            tasks={data.critical}
            today={data.today}
            programmeId={programmeId}
            onEdit={onEdit}
          />
        )}
      </JumpSection>

      <JumpSection
        tile="statutory"
        title={count('Statutory dates', data.counts.statutory)}
        intro="Missed, or in the next 90 days, across the transfers you can see. Open one to read the rule behind it."
      >
        {data.statutory.length === 0 ? (
          <Empty>No statutory dates in the next 90 days.</Empty>
        ) : (
          <StatutoryTable dates={data.statutory} programmeId={programmeId} />
        )}
      </JumpSection>

      <JumpSection
        tile="awaiting"
        title={count(mine ? 'Awaiting my update' : 'Awaiting my organisation’s update', data.counts.awaiting)}
        intro="Blocked or stale tasks, and mitigation actions and risk reviews due within a week."
      >
        {data.awaiting.length === 0 ? (
          <Empty>Nothing is waiting for {your} update.</Empty>
        ) : (
          <AwaitingTable items={data.awaiting} programmeId={programmeId} today={data.today} />
        )}
      </JumpSection>
    </>
  );
}

/**
 * The transition lead's day: what is overdue, due, blocked and critical in my (or my organisation's) tasks,
 * the statutory dates coming up, and what waits for my update, with quick updates where I may edit.
 */
export function WorkspacePage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme, me, can: may } = useProgramme(programmeId);
  const [params, setParams] = useSearchParams();
  const canSeeProgramme = may('items.editAny') && me?.visibility.kind === 'all';
  const { input, weeks } = workspaceInput(programmeId, params, canSeeProgramme);
  const { scope, horizonDays } = input;
  const workspace = useQuery({
    ...trpc.workspace.lead.queryOptions(input),
    placeholderData: keepPreviousData,
  });
  const [editRequest, setEditRequest] = useState<EditRequest | null>(null);
  usePageTitle('Workspace', programme?.name);

  if (
    workspace.isError &&
    ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(workspace.error) ?? '')
  )
    return <NotFoundPage />;

  const setParam = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );
  const data = workspace.data;
  const busy = workspace.isPlaceholderData;
  // While the next answer loads, the numbers on screen are the previous horizon's: label them so.
  const shownHorizon = data ? daysBetween(data.today, data.horizon) : horizonDays;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4} style={{ flex: '1 1 420px' }}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>Workspace</Title>
          <Text c="dimmed">
            {scope === 'mine'
              ? 'Your tasks'
              : scope === 'organisation'
                ? 'Your organisation’s tasks'
                : 'Every organisation’s tasks'}
            , the dates that matter and what waits for an update
            {data ? `, as at ${formatDateWithDay(data.today)}` : ''}.
          </Text>
        </Stack>
        <Group gap="md" align="flex-end">
          <Stack gap={4}>
            <Text size="sm" fw={600} id="workspace-scope">
              Show
            </Text>
            <SegmentedControl
              aria-labelledby="workspace-scope"
              value={scope}
              onChange={(v) => setParam('scope', v === 'mine' ? null : v)}
              data={[
                { value: 'mine', label: 'Mine' },
                { value: 'organisation', label: 'My organisation' },
                ...(canSeeProgramme ? [{ value: 'programme', label: 'Programme' }] : []),
              ]}
            />
          </Stack>
          <Select
            label="Look ahead"
            w={150}
            data={WEEK_OPTIONS}
            value={weeks}
            allowDeselect={false}
            onChange={(v) => v && setParam('weeks', v === '2' ? null : v)}
          />
        </Group>
      </Group>

      {workspace.isError ? (
        <QueryError error={workspace.error} onRetry={() => void workspace.refetch()} />
      ) : (
        <CountTiles counts={data?.counts} horizonDays={shownHorizon} busy={busy} />
      )}

      {workspace.isPending && (
        <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the workspace">
          {[180, 180, 120].map((h, i) => (
            <Skeleton key={i} height={h} radius="md" />
          ))}
        </Stack>
      )}
      {data && (
        <Stack
          gap="lg"
          aria-busy={busy || undefined}
          style={{ opacity: busy ? 0.6 : 1, transition: 'opacity 150ms ease' }}
        >
          <Sections
            data={data}
            programmeId={programmeId}
            horizonDays={shownHorizon}
            onEdit={(taskId) => setEditRequest({ taskId, nonce: Date.now() })}
          />
        </Stack>
      )}
      <WorkspaceTaskEditor programmeId={programmeId} request={editRequest} />
    </Stack>
  );
}
