import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconArchive, IconDownload, IconLock } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import {
  DEFAULT_RETENTION_YEARS,
  defaultRetainUntil,
  deletionRequestProblem,
  todayInUk,
} from '@baton/domain';
import { DateField } from '../../components/DateField';
import { FormErrors } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { fieldErrorsOf, formErrorsOf } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC, type Overview } from '../../lib/trpc';

type TProgramme = Overview['programme'];

/** Shown to every member of a closed programme, at the top of the overview. */
export function ClosedBanner({ programme }: { programme: TProgramme }) {
  if (programme.status !== 'closed') return null;
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconLock size={18} aria-hidden />}
      title="This programme is closed"
    >
      Its records are read-only and kept until {formatDate(programme.retainUntil)}.
      {programme.closureReason ? ` ${programme.closureReason}` : ''}
      {programme.deletionRequestedAt
        ? ` Its deletion was asked for on ${formatDate(new Date(programme.deletionRequestedAt).toISOString().slice(0, 10))}; another admin must confirm it.`
        : ''}
    </Alert>
  );
}

function problemsOf(error: unknown): string[] {
  return [
    ...Object.values(fieldErrorsOf(error)),
    ...formErrorsOf(error),
    ...(error instanceof Error ? [error.message] : []),
  ].filter((m, i, all) => all.indexOf(m) === i);
}

/**
 * The programme's records, for its admins: the archive download, closing the programme (read-only, kept until
 * a date), reopening it, and deleting it after that date in two steps by two people.
 */
export function RecordsSection({ programme, userId }: { programme: TProgramme; userId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const today = todayInUk();
  const [dialog, setDialog] = useState<null | 'close' | 'reopen' | 'ask' | 'confirm' | 'withdraw'>(null);
  const [retainUntil, setRetainUntil] = useState<string | null>(defaultRetainUntil(today));
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<string[]>([]);

  const open = (d: typeof dialog) => {
    setProblems([]);
    setCode('');
    setDialog(d);
  };
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.programme.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);
  const handlers = (title: string) => ({
    onSuccess: async () => {
      await refresh();
      notify({ color: 'green', title, message: programme.name });
      setDialog(null);
    },
    onError: (e: unknown) => setProblems(problemsOf(e)),
  });
  const close = useMutation(trpc.programme.close.mutationOptions(handlers('Programme closed')));
  const reopen = useMutation(trpc.programme.reopen.mutationOptions(handlers('Programme reopened')));
  const ask = useMutation(trpc.programme.requestDeletion.mutationOptions(handlers('Deletion asked for')));
  const withdraw = useMutation(
    trpc.programme.withdrawDeletion.mutationOptions(handlers('Deletion withdrawn')),
  );
  const confirm = useMutation(
    trpc.programme.confirmDeletion.mutationOptions({
      onSuccess: async () => {
        notify({
          color: 'green',
          title: 'Programme deleted',
          message: `${programme.name} and all its records`,
        });
        await queryClient.invalidateQueries(trpc.programme.list.pathFilter());
        void navigate('/');
      },
      onError: (e: unknown) => setProblems(problemsOf(e)),
    }),
  );

  const closed = programme.status === 'closed';
  const askedByMe = programme.deletionRequestedBy === userId;
  const cannotAsk = closed ? deletionRequestProblem(programme, today) : null;
  const codeField = (
    <TextInput
      label={`Type the programme’s code (${programme.code}) to confirm`}
      value={code}
      onChange={(e) => setCode(e.currentTarget.value)}
      autoComplete="off"
      data-autofocus
    />
  );

  return (
    <Section id="records" title="Records and retention">
      <Stack gap="sm">
        <Text size="sm">
          The archive holds every risk, action and re-score, every plan and register, each meeting with its
          frozen pack (PDF and JSON with its SHA-256), the decisions and the audit trail, as spreadsheets and
          JSON, with a README describing each file. Downloading it is recorded in the audit trail.
        </Text>
        <Anchor
          href={`/export/programmes/${programme.id}/archive.zip`}
          download
          fw={600}
          style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}
        >
          <IconDownload size={18} aria-hidden /> Download the programme archive (ZIP)
        </Anchor>
        {!closed && (
          <>
            <Text size="sm" c="dimmed">
              When the transition is over, close the programme: it becomes read-only and says how long its
              records are kept.
            </Text>
            <Group>
              <Button
                variant="outline"
                leftSection={<IconArchive size={16} aria-hidden />}
                onClick={() => open('close')}
              >
                Close the programme…
              </Button>
            </Group>
          </>
        )}
        {closed && !programme.deletionRequestedAt && (
          <Group>
            <Button variant="outline" onClick={() => open('reopen')}>
              Reopen
            </Button>
            <Button variant="outline" color="red.9" disabled={cannotAsk !== null} onClick={() => open('ask')}>
              Ask for deletion…
            </Button>
          </Group>
        )}
        {closed && !programme.deletionRequestedAt && cannotAsk && (
          <Text size="sm" c="dimmed">
            {cannotAsk}
          </Text>
        )}
        {closed && programme.deletionRequestedAt && (
          <>
            <Text size="sm">
              {askedByMe
                ? 'You asked for this programme to be deleted. Another admin (or a system administrator) must confirm it.'
                : 'Another admin asked for this programme to be deleted. Confirming deletes the programme and every record in it, for good.'}
            </Text>
            <Group>
              {!askedByMe && (
                <Button color="red.9" onClick={() => open('confirm')}>
                  Confirm deletion…
                </Button>
              )}
              <Button variant="outline" onClick={() => open('withdraw')}>
                Withdraw the request
              </Button>
            </Group>
          </>
        )}
      </Stack>

      <Modal opened={dialog === 'close'} onClose={() => setDialog(null)} title="Close the programme">
        <Stack>
          <Text size="sm">
            Everyone keeps reading the programme, its packs and its archive, but nothing can be changed. After
            the date below it can be deleted, by two admins in turn. {DEFAULT_RETENTION_YEARS} years is common
            for contract and procurement records: use the date your records policy requires.
          </Text>
          <FormErrors messages={problems} />
          <DateField
            label="Keep the records until"
            required
            value={retainUntil}
            onChange={setRetainUntil}
            minDate={today}
          />
          <Textarea
            label="Why it is closing (optional)"
            autosize
            minRows={2}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              Cancel
            </Button>
            <Button
              loading={close.isPending}
              disabled={!retainUntil}
              onClick={() =>
                close.mutate({
                  programmeId: programme.id,
                  version: programme.version,
                  retainUntil: retainUntil!,
                  reason,
                })
              }
            >
              Close the programme
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal opened={dialog === 'reopen'} onClose={() => setDialog(null)} title="Reopen the programme">
        <Stack>
          <Text size="sm">Its records can be changed again, and its retention date is cleared.</Text>
          <FormErrors messages={problems} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)} data-autofocus>
              Cancel
            </Button>
            <Button
              loading={reopen.isPending}
              onClick={() => reopen.mutate({ programmeId: programme.id, version: programme.version })}
            >
              Reopen
            </Button>
          </Group>
        </Stack>
      </Modal>

      {(['ask', 'confirm'] as const).map((step) => (
        <Modal
          key={step}
          opened={dialog === step}
          onClose={() => setDialog(null)}
          title={step === 'ask' ? 'Ask for the programme to be deleted' : 'Delete the programme'}
        >
          <Stack>
            <Text size="sm">
              {step === 'ask'
                ? 'Deleting removes the programme and every record in it. Download the archive first if anyone may need it. Another admin must then confirm.'
                : 'This deletes the programme and every record in it, for good. Only the record of the deletion remains.'}
            </Text>
            <FormErrors messages={problems} />
            {codeField}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDialog(null)}>
                Cancel
              </Button>
              <Button
                color="red.9"
                loading={ask.isPending || confirm.isPending}
                onClick={() =>
                  (step === 'ask' ? ask : confirm).mutate({
                    programmeId: programme.id,
                    version: programme.version,
                    confirmCode: code,
                  })
                }
              >
                {step === 'ask' ? 'Ask for deletion' : 'Delete the programme'}
              </Button>
            </Group>
          </Stack>
        </Modal>
      ))}

      <Modal
        opened={dialog === 'withdraw'}
        onClose={() => setDialog(null)}
        title="Withdraw the deletion request"
      >
        <Stack>
          <FormErrors messages={problems} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)} data-autofocus>
              Cancel
            </Button>
            <Button
              loading={withdraw.isPending}
              onClick={() => withdraw.mutate({ programmeId: programme.id, version: programme.version })}
            >
              Withdraw
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
