import { lazy } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  List,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCalendarEvent, IconLock, IconLockOpen, IconPlus, IconPresentation } from '@tabler/icons-react';
import { daysBetween } from '@baton/domain';
import { Link, useParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { TableScroll } from '../../components/TableScroll';
import { errorCode } from '../../lib/errors';
import { formatCount, formatDateShort, formatDateWithDay } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { ukToday } from '../risks/ukToday';
import type { Meeting } from './types';
import './meetings.css';
import { DialogSlot } from '../../components/DialogSlot';

const RecordMeetingModal = lazy(() =>
  import('./RecordMeetingModal').then((m) => ({ default: m.RecordMeetingModal })),
);

/** "Pack frozen" or "Not frozen": a word and an icon, not a colour. */
export function FrozenBadge({ meeting }: { meeting: Meeting }) {
  return meeting.snapshot ? (
    <Badge
      variant="filled"
      color="nhsBlue.9"
      radius="sm"
      tt="none"
      leftSection={<IconLock size={12} aria-hidden />}
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      Pack frozen
    </Badge>
  ) : (
    <Badge
      variant="outline"
      color="gray.8"
      radius="sm"
      tt="none"
      leftSection={<IconLockOpen size={12} aria-hidden />}
      styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}
    >
      Not frozen
    </Badge>
  );
}

/** "Today", "in 12 days", "3 days ago". */
export function whenText(heldOn: string, today: string): string {
  const d = daysBetween(today, heldOn);
  if (d === 0) return 'Today';
  if (d === 1) return 'Tomorrow';
  return d > 0 ? `In ${formatCount(d, 'day', 'days')}` : `${formatCount(-d, 'day', 'days')} ago`;
}

function NextMeeting({
  meeting,
  programmeId,
  today,
}: {
  meeting: Meeting;
  programmeId: string;
  today: string;
}) {
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby="next-meeting-heading"
      className="meeting-next-card"
    >
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={700} c="nhsBlue.9" id="next-meeting-heading" component="h2" m={0}>
            Next meeting · {whenText(meeting.heldOn, today)}
          </Text>
          <Title order={3} size="h3">
            <Anchor component={Link} to={`/p/${programmeId}/meetings/${meeting.id}`} inherit c="nhsBlue.9">
              {meeting.title}
            </Anchor>
          </Title>
          <Text>
            <time dateTime={meeting.heldOn}>{formatDateWithDay(meeting.heldOn)}</time>
            {meeting.location ? ` · ${meeting.location}` : ''}
          </Text>
          <Group gap="xs" mt={4}>
            <FrozenBadge meeting={meeting} />
            <Text size="sm" c="dimmed">
              {formatCount(meeting.attendees.length, 'attendee', 'attendees')} recorded
            </Text>
          </Group>
        </Stack>
        <Group gap="sm">
          {!meeting.snapshot && (
            <Button
              component={Link}
              to={`/p/${programmeId}/steering`}
              variant="default"
              leftSection={<IconPresentation size={16} aria-hidden />}
            >
              Preview today’s pack
            </Button>
          )}
          <Button component={Link} to={`/p/${programmeId}/meetings/${meeting.id}`}>
            Open meeting<span className="visually-hidden">: {meeting.title}</span>
          </Button>
        </Group>
      </Group>
    </Card>
  );
}

function MeetingsTable({
  meetings,
  programmeId,
  nextId,
}: {
  meetings: Meeting[];
  programmeId: string;
  nextId: string | undefined;
}) {
  return (
    <TableScroll label="Meetings" minWidth={760}>
      <Table
        verticalSpacing="sm"
        horizontalSpacing="md"
        fz="sm"
        striped
        highlightOnHover
        aria-label="Steering group meetings, newest first"
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={150}>
              Date
            </Table.Th>
            <Table.Th scope="col">Meeting</Table.Th>
            <Table.Th scope="col" w={200}>
              Location
            </Table.Th>
            <Table.Th scope="col" w={110} ta="right">
              Attendees
            </Table.Th>
            <Table.Th scope="col" w={140}>
              Pack
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {meetings.map((m) => {
            const next = m.id === nextId;
            return (
              <Table.Tr key={m.id} className={next ? 'meeting-next-row' : undefined} data-meeting-id={m.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={m.heldOn}>{formatDateShort(m.heldOn)}</time>
                </Table.Td>
                <Table.Th scope="row" fw={400}>
                  <Group gap="xs" wrap="nowrap">
                    <Anchor component={Link} to={`/p/${programmeId}/meetings/${m.id}`} size="sm" fw={600}>
                      {m.title}
                    </Anchor>
                    {next && (
                      <Badge variant="filled" color="nhsBlue.7" radius="sm" tt="none" size="sm">
                        Next
                      </Badge>
                    )}
                  </Group>
                  {m.decisions.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {formatCount(m.decisions.length, 'decision', 'decisions')} recorded
                    </Text>
                  )}
                </Table.Th>
                <Table.Td>
                  {m.location || (
                    <Text span size="sm" c="dimmed">
                      Not recorded
                    </Text>
                  )}
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {m.attendees.length}
                </Table.Td>
                <Table.Td>
                  <FrozenBadge meeting={m} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function EmptyState({ canManage, onRecord }: { canManage: boolean; onRecord: () => void }) {
  return (
    <Card withBorder radius="md" padding="xl">
      <Stack align="center" gap="sm" py="md">
        <ThemeIcon size={48} radius="xl" variant="light" aria-hidden>
          <IconCalendarEvent size={28} />
        </ThemeIcon>
        <Title order={2} size="h3">
          No meetings recorded yet
        </Title>
        <Stack gap="xs" maw={620}>
          <Text>
            Record each steering group meeting here: its date, who came, who sent apologies, the decisions
            made and the minutes.
          </Text>
          <List spacing={4}>
            <List.Item>
              <b>Freeze the pack</b> for a meeting and Baton keeps the steering group pack exactly as it stood
              on the meeting date, with a fingerprint that shows it has never changed: the group can always
              see what it was told.
            </List.Item>
            <List.Item>
              <b>Compare with today</b> to see what has moved since: risks re-scored, escalated or closed, and
              transfers that changed colour.
            </List.Item>
            <List.Item>The next pack’s “what changed” starts from the last meeting recorded here.</List.Item>
          </List>
          {!canManage && (
            <Text size="sm" c="dimmed">
              Programme admins and steering group members record meetings.
            </Text>
          )}
        </Stack>
        {canManage && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onRecord}>
            Record a meeting
          </Button>
        )}
      </Stack>
    </Card>
  );
}

/** The steering group's meetings, the next one first, each with its minutes and (once frozen) its pack. */
export function MeetingsPage() {
  const { programmeId = '' } = useParams();
  const trpc = useTRPC();
  const { programme, can } = useProgramme(programmeId);
  usePageTitle('Meetings', programme?.name);
  const meetings = useQuery(trpc.meeting.list.queryOptions({ programmeId }));
  const [recordOpened, recordModal] = useDisclosure(false);
  const canManage = can('meetings.manage');
  const today = ukToday();

  if (meetings.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(meetings.error) ?? ''))
    return <NotFoundPage />;

  const list = meetings.data ?? [];
  const next = list.filter((m) => m.heldOn >= today).sort((a, b) => a.heldOn.localeCompare(b.heldOn))[0];
  const frozen = list.filter((m) => m.snapshot).length;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" fw={600}>
            {programme?.name ?? '\u00a0'}
          </Text>
          <Title order={1}>Steering group meetings</Title>
          {meetings.data && list.length > 0 && (
            <Text c="dimmed">
              {formatCount(list.length, 'meeting', 'meetings')}, {formatCount(frozen, 'pack', 'packs')} frozen
            </Text>
          )}
        </Stack>
        <Group gap="sm">
          <Button
            component={Link}
            to={`/p/${programmeId}/steering`}
            variant="default"
            leftSection={<IconPresentation size={16} aria-hidden />}
          >
            Steering pack
          </Button>
          {canManage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={recordModal.open}>
              Record a meeting
            </Button>
          )}
        </Group>
      </Group>

      {meetings.isPending && <PageSkeleton rows={3} />}
      {meetings.isError && <QueryError error={meetings.error} onRetry={() => void meetings.refetch()} />}
      {meetings.data && list.length === 0 && <EmptyState canManage={canManage} onRecord={recordModal.open} />}
      {next && <NextMeeting meeting={next} programmeId={programmeId} today={today} />}
      {list.length > 0 && (
        <Stack gap="xs" component="section" aria-labelledby="all-meetings-heading">
          <Title order={2} size="h4" id="all-meetings-heading">
            All meetings
          </Title>
          <Card withBorder radius="md" padding={0}>
            <MeetingsTable meetings={list} programmeId={programmeId} nextId={next?.id} />
          </Card>
        </Stack>
      )}

      {canManage && (
        <DialogSlot open={recordOpened}>
          <RecordMeetingModal programmeId={programmeId} opened={recordOpened} onClose={recordModal.close} />
        </DialogSlot>
      )}
    </Stack>
  );
}
