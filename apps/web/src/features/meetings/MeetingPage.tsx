import { lazy, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Breadcrumbs,
  Button,
  Grid,
  Group,
  List,
  Modal,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowsDiff,
  IconFileSpreadsheet,
  IconFileTypePdf,
  IconLock,
  IconPencil,
  IconPresentation,
  IconShieldCheck,
  IconTrash,
} from '@tabler/icons-react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { NotFoundPage } from '../../app/NotFoundPage';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { errorCode, errorMessage, isConflict } from '../../lib/errors';
import { formatCount, formatDate, formatDateWithDay, formatTimestamp } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';
import { useProgramme } from '../programmes/useProgramme';
import { ukToday } from '../risks/ukToday';
import { MeetingOutcomes } from './MeetingOutcomes';
import { frozenPackDownloadHref } from '../steering/packFormat';
import { PackView } from '../steering/PackView';
import { ComparisonView } from './ComparisonView';
import { FrozenBadge, whenText } from './MeetingsPage';
import type { Meeting } from './types';
import './meetings.css';
import { DialogSlot } from '../../components/DialogSlot';

const EditMeetingDrawer = lazy(() =>
  import('./EditMeetingDrawer').then((m) => ({ default: m.EditMeetingDrawer })),
);

function Names({ names, empty }: { names: string[]; empty: string }) {
  if (names.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <List size="sm" spacing={2}>
      {names.map((n) => (
        <List.Item key={n}>{n}</List.Item>
      ))}
    </List>
  );
}

function Minutes({ meeting }: { meeting: Meeting }) {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Section id="meeting-people" title="Who was there">
          <Stack gap="md">
            <div>
              <Text size="sm" fw={700} id="attendees-label">
                Attendees ({meeting.attendees.length})
              </Text>
              <div aria-labelledby="attendees-label" role="group">
                <Names names={meeting.attendees} empty="No attendees recorded." />
              </div>
            </div>
            <div>
              <Text size="sm" fw={700} id="apologies-label">
                Apologies ({meeting.apologies.length})
              </Text>
              <div aria-labelledby="apologies-label" role="group">
                <Names names={meeting.apologies} empty="No apologies recorded." />
              </div>
            </div>
          </Stack>
        </Section>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Section id="meeting-minutes" title="Decisions and minutes">
          <Stack gap="md">
            <div>
              <Text size="sm" fw={700} id="decisions-label">
                Decisions ({meeting.decisions.length})
              </Text>
              {meeting.decisions.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No decisions recorded yet.
                </Text>
              ) : (
                <List
                  type="ordered"
                  size="sm"
                  spacing={4}
                  withPadding
                  aria-labelledby="decisions-label"
                  data-testid="meeting-decisions"
                >
                  {meeting.decisions.map((d, i) => (
                    <List.Item key={`${i}-${d}`} style={{ whiteSpace: 'pre-line' }}>
                      {d}
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
            <div>
              <Text size="sm" fw={700}>
                Notes
              </Text>
              {meeting.notes ? (
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {meeting.notes}
                </Text>
              ) : (
                <Text size="sm" c="dimmed">
                  No notes yet.
                </Text>
              )}
            </div>
          </Stack>
        </Section>
      </Grid.Col>
    </Grid>
  );
}

/** The date a pack frozen now would be "as at": the meeting date, or today for a meeting still to come. */
function freezeAsAt(heldOn: string, today: string): string {
  return heldOn < today ? heldOn : today;
}

function FreezeModal({
  meeting,
  today,
  opened,
  loading,
  onConfirm,
  onClose,
}: {
  meeting: Meeting;
  today: string;
  opened: boolean;
  loading: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const asAt = freezeAsAt(meeting.heldOn, today);
  return (
    <Modal opened={opened} onClose={onClose} title="Freeze the pack for this meeting?" size="lg">
      <Stack>
        <Text>
          The steering group pack will be kept exactly as at <b>{formatDate(asAt)}</b> and can never change:
          later reviews, corrections and edits to the register will not alter it. It gets a fingerprint
          (SHA-256) so anyone can check it is the pack the group saw.
        </Text>
        {meeting.heldOn > today && (
          <Text size="sm">
            The meeting is on {formatDate(meeting.heldOn)}, after today, so the pack is frozen as at today:
            the paper sent out before the meeting.
          </Text>
        )}
        <List size="sm" spacing={4}>
          <List.Item>Attendees, decisions and notes stay editable.</List.Item>
          <List.Item>
            The meeting’s date can no longer move, and the meeting can no longer be deleted.
          </List.Item>
        </List>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button leftSection={<IconLock size={16} aria-hidden />} onClick={onConfirm} loading={loading}>
            Freeze the pack
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function FrozenBanner({
  meeting,
  snapshot,
}: {
  meeting: Meeting;
  snapshot: { sha256: string; intact: boolean } | undefined;
}) {
  const s = meeting.snapshot!;
  const intact = snapshot?.intact;
  const failed = intact === false;
  return (
    <Alert
      variant="light"
      color={failed ? 'red' : 'nhsBlue'}
      icon={failed ? <IconAlertTriangle aria-hidden /> : <IconShieldCheck aria-hidden />}
      title="Pack frozen"
      data-testid="frozen-banner"
      role={failed ? 'alert' : undefined}
    >
      <Text size="sm">
        Frozen on {formatTimestamp(s.frozenAt)}
        {s.frozenBy ? ` by ${s.frozenBy}` : ''}, as at {formatDate(s.asAt)}
        {s.since ? `, compared with ${formatDate(s.since)}` : ''}.{' '}
        {snapshot === undefined ? (
          'Checking its integrity…'
        ) : intact ? (
          <>
            <b>Integrity check passed</b>: the pack is exactly as frozen
          </>
        ) : (
          <b>Integrity check FAILED: the stored pack no longer matches its fingerprint.</b>
        )}
        {snapshot && (
          <>
            {' '}
            (SHA-256{' '}
            <code title={snapshot.sha256} style={{ fontSize: '0.85em' }}>
              {snapshot.sha256.slice(0, 12)}…
            </code>
            ).
          </>
        )}
      </Text>
    </Alert>
  );
}

function FrozenTabs({ programmeId, meeting }: { programmeId: string; meeting: Meeting }) {
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'compare' ? 'compare' : 'pack';
  const snapshot = useQuery(trpc.meeting.snapshot.queryOptions({ programmeId, meetingId: meeting.id }));
  const compare = useQuery({
    ...trpc.meeting.compare.queryOptions({ programmeId, meetingId: meeting.id }),
    enabled: view === 'compare',
  });

  const forbidden = (e: unknown) => errorCode(e) === 'FORBIDDEN';

  return (
    <Stack gap="md">
      <FrozenBanner meeting={meeting} snapshot={snapshot.data?.snapshot} />
      <Group gap="sm">
        <Button
          component="a"
          href={frozenPackDownloadHref(programmeId, meeting.id, 'pdf')}
          download
          variant="default"
          leftSection={<IconFileTypePdf size={16} aria-hidden />}
        >
          Frozen pack (PDF)
        </Button>
        <Button
          component="a"
          href={frozenPackDownloadHref(programmeId, meeting.id, 'xlsx')}
          download
          variant="default"
          leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        >
          Frozen pack (Excel)
        </Button>
      </Group>
      <Tabs
        value={view}
        keepMounted={false}
        onChange={(v) =>
          setParams(
            (p) => {
              const next = new URLSearchParams(p);
              if (v === 'compare') next.set('view', 'compare');
              else next.delete('view');
              return next;
            },
            { replace: true },
          )
        }
      >
        <Tabs.List aria-label="The frozen pack">
          <Tabs.Tab value="pack" leftSection={<IconLock size={16} aria-hidden />}>
            Frozen pack
          </Tabs.Tab>
          <Tabs.Tab value="compare" leftSection={<IconArrowsDiff size={16} aria-hidden />}>
            Compare with today
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="pack" pt="md">
          {snapshot.isPending ? (
            <PageSkeleton rows={4} />
          ) : snapshot.isError ? (
            forbidden(snapshot.error) ? (
              <Alert color="orange" variant="light">
                {errorMessage(snapshot.error)}
              </Alert>
            ) : (
              <QueryError error={snapshot.error} onRetry={() => void snapshot.refetch()} />
            )
          ) : (
            <PackView pack={snapshot.data.pack} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="compare" pt="md">
          {compare.isPending || snapshot.isPending ? (
            <PageSkeleton rows={3} />
          ) : compare.isError ? (
            forbidden(compare.error) ? (
              <Alert color="orange" variant="light">
                {errorMessage(compare.error)}
              </Alert>
            ) : (
              <QueryError error={compare.error} onRetry={() => void compare.refetch()} />
            )
          ) : (
            <ComparisonView
              comparison={compare.data.comparison}
              bands={snapshot.data?.pack.bands ?? []}
              programmeId={programmeId}
            />
          )}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function NotFrozen({
  programmeId,
  meeting,
  today,
  canManage,
  onFreeze,
}: {
  programmeId: string;
  meeting: Meeting;
  today: string;
  canManage: boolean;
  onFreeze: () => void;
}) {
  const asAt = freezeAsAt(meeting.heldOn, today);
  return (
    <Section id="meeting-pack" title="The pack for this meeting">
      <Text size="sm">
        The pack is not frozen yet.{' '}
        {canManage
          ? `Freeze it to keep the steering group pack exactly as at ${formatDate(asAt)}, for the record and to compare with later.`
          : 'A programme admin or steering group member freezes it, to keep it exactly as the group saw it.'}
      </Text>
      <Group gap="sm">
        {canManage && (
          <Button leftSection={<IconLock size={16} aria-hidden />} onClick={onFreeze}>
            Freeze the pack
          </Button>
        )}
        <Button
          component={Link}
          to={`/p/${programmeId}/steering${asAt === today ? '' : `?asAt=${asAt}`}`}
          variant="default"
          leftSection={<IconPresentation size={16} aria-hidden />}
        >
          Preview the pack as at {formatDate(asAt)}
        </Button>
      </Group>
    </Section>
  );
}

/** One meeting: details and minutes, freezing its pack, and once frozen the pack itself and how things moved since. */
export function MeetingPage() {
  const { programmeId = '', meetingId = '' } = useParams();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { programme } = useProgramme(programmeId);
  const data = useQuery(trpc.meeting.get.queryOptions({ programmeId, meetingId }));
  const meeting = data.data?.meeting;
  usePageTitle(meeting?.title ?? 'Meeting', 'Meetings', programme?.name);
  const [editOpened, editDrawer] = useDisclosure(false);
  const [freezeOpened, freezeModal] = useDisclosure(false);
  const [deleteOpened, deleteModal] = useDisclosure(false);
  const [actionError, setActionError] = useState<string | null>(null);
  const today = ukToday();

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.meeting.pathFilter()),
      queryClient.invalidateQueries(trpc.steering.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);

  const freeze = useMutation(
    trpc.meeting.freeze.mutationOptions({
      onSuccess: async ({ sha256 }) => {
        await refresh();
        freezeModal.close();
        notify({
          color: 'green',
          title: 'Pack frozen',
          message: `Kept exactly as it is now (SHA-256 ${sha256.slice(0, 12)}…).`,
        });
      },
      onError: async (error) => {
        await refresh();
        freezeModal.close();
        setActionError(
          isConflict(error)
            ? 'Someone froze this pack a moment ago: it is shown below.'
            : errorMessage(error),
        );
      },
    }),
  );

  const remove = useMutation(
    trpc.meeting.remove.mutationOptions({
      onSuccess: async () => {
        deleteModal.close();
        await navigate(`/p/${programmeId}/meetings`);
        await refresh();
        notify({ color: 'green', title: 'Meeting deleted', message: meeting?.title ?? '' });
      },
      onError: async (error) => {
        await refresh();
        deleteModal.close();
        setActionError(
          isConflict(error)
            ? 'Someone else changed this meeting, so it was not deleted. The latest is now shown: check it and try again.'
            : errorMessage(error),
        );
      },
    }),
  );

  if (data.isError && ['NOT_FOUND', 'FORBIDDEN', 'BAD_REQUEST'].includes(errorCode(data.error) ?? ''))
    return <NotFoundPage />;
  if (data.isPending) return <PageSkeleton rows={4} />;
  if (data.isError) return <QueryError error={data.error} onRetry={() => void data.refetch()} />;

  const { canManage } = data.data;
  const m = data.data.meeting;
  const frozen = m.snapshot !== null;

  return (
    <Stack gap="lg">
      <Breadcrumbs separator="›">
        <Anchor component={Link} to={`/p/${programmeId}/meetings`} size="sm">
          Meetings
        </Anchor>
        <Text size="sm" aria-current="page">
          {m.title}
        </Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6} style={{ flex: '1 1 420px' }}>
          <Group gap="xs">
            <FrozenBadge meeting={m} />
            <Text size="sm" c="dimmed">
              {whenText(m.heldOn, today)}
            </Text>
          </Group>
          <Title order={1}>{m.title}</Title>
          <Text>
            <time dateTime={m.heldOn}>{formatDateWithDay(m.heldOn)}</time>
            {m.location ? ` · ${m.location}` : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {formatCount(m.attendees.length, 'attendee', 'attendees')} ·{' '}
            {formatCount(m.decisions.length, 'decision', 'decisions')}
            {m.createdBy ? ` · recorded by ${m.createdBy.name}` : ''}
          </Text>
        </Stack>
        {canManage && (
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={editDrawer.open}
            >
              Edit meeting
            </Button>
            {!frozen && (
              <Button
                variant="outline"
                color="red.9"
                leftSection={<IconTrash size={16} aria-hidden />}
                onClick={deleteModal.open}
              >
                Delete
              </Button>
            )}
            {!frozen && (
              <Button leftSection={<IconLock size={16} aria-hidden />} onClick={freezeModal.open}>
                Freeze the pack
              </Button>
            )}
          </Group>
        )}
      </Group>

      {actionError && (
        <Alert
          role="alert"
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setActionError(null)}
        >
          {actionError}
        </Alert>
      )}

      <Minutes meeting={m} />

      <MeetingOutcomes
        programmeId={programmeId}
        meetingId={m.id}
        canManage={canManage}
        held={m.heldOn <= today}
      />

      {frozen ? (
        <FrozenTabs programmeId={programmeId} meeting={m} />
      ) : (
        <NotFrozen
          programmeId={programmeId}
          meeting={m}
          today={today}
          canManage={canManage}
          onFreeze={freezeModal.open}
        />
      )}

      {canManage && (
        <>
          <DialogSlot open={editOpened}>
            <EditMeetingDrawer
              programmeId={programmeId}
              meeting={m}
              opened={editOpened}
              onClose={editDrawer.close}
            />
          </DialogSlot>
          <FreezeModal
            meeting={m}
            today={today}
            opened={freezeOpened}
            loading={freeze.isPending}
            onConfirm={() => {
              setActionError(null);
              freeze.mutate({ programmeId, meetingId: m.id });
            }}
            onClose={freezeModal.close}
          />
          <ConfirmModal
            opened={deleteOpened}
            title="Delete this meeting?"
            confirmLabel="Delete meeting"
            loading={remove.isPending}
            onConfirm={() => {
              setActionError(null);
              remove.mutate({ programmeId, meetingId: m.id, version: m.version });
            }}
            onClose={deleteModal.close}
          >
            {`“${m.title}” on ${formatDate(m.heldOn)}, with its attendees, decisions and notes, will be deleted. The deletion is kept in the programme’s history.`}
          </ConfirmModal>
        </>
      )}
    </Stack>
  );
}
