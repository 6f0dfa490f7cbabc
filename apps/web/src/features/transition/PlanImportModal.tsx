import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  List,
  Modal,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCircleCheck, IconFileImport } from '@tabler/icons-react';
import { WORKSTREAM_LABELS, type TWorkstream } from '@baton/domain';
import { ImportProgress } from '../../components/ImportProgress';
import { FormErrors } from '../../components/QueryStates';
import { problemLines } from '../../lib/errors';
import { toBase64 } from '../../lib/files';
import { formatCount, formatDate } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { slackText } from './format';
import type { PlanImportMapping, PlanImportPreview, PlanImportRead, PlanImportResult } from './types';

const MAX_BYTES = 10 * 1024 * 1024;

type Action = PlanImportPreview['rows'][number]['action'];
const ACTION_BADGES: Record<Action, { label: string; color: string }> = {
  create: { label: 'New', color: '#005EB8' },
  update: { label: 'Update', color: '#425563' },
  unchanged: { label: 'Unchanged', color: '#4c6272' },
  error: { label: 'Error', color: '#b10e1e' },
  excluded: { label: 'Left out', color: '#768692' },
};

type Step = 0 | 1 | 2 | 3;

/**
 * Bring a plan in from Microsoft Project (XML) or Excel: read the file, match its resources to organisations
 * and people and its groups to workstreams, check what every task would do and the critical path that
 * results (nothing is saved), then import everything in one go, or nothing.
 */
export function PlanImportModal({
  programmeId,
  transferId,
  transferName,
  opened,
  onClose,
}: {
  programmeId: string;
  transferId: string;
  transferName: string;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<File | null>(null);
  const [read, setRead] = useState<PlanImportRead | null>(null);
  const [mapping, setMapping] = useState<PlanImportMapping | null>(null);
  const [preview, setPreview] = useState<PlanImportPreview | null>(null);
  const [result, setResult] = useState<PlanImportResult | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [show, setShow] = useState<'all' | 'changes' | 'errors'>('all');

  const reset = () => {
    setStep(0);
    setFile(null);
    setRead(null);
    setMapping(null);
    setPreview(null);
    setResult(null);
    setProblems([]);
    setShow('all');
  };
  const close = () => {
    onClose();
    reset();
  };

  const readFile = useMutation(
    trpc.planImport.read.mutationOptions({
      onSuccess: (r) => {
        setRead(r);
        setMapping(r.suggestedMapping);
        setProblems([]);
        setStep(1);
      },
      onError: (e) => setProblems(problemLines(e)),
    }),
  );
  const check = useMutation(
    trpc.planImport.preview.mutationOptions({
      onSuccess: (p) => {
        setPreview(p);
        setProblems([]);
        setShow(p.counts.error > 0 ? 'errors' : 'all');
        setStep(2);
      },
      onError: (e) => setProblems(problemLines(e)),
    }),
  );
  const commit = useMutation(
    trpc.planImport.commit.mutationOptions({
      onSuccess: async (r) => {
        await Promise.all([
          queryClient.invalidateQueries(trpc.transition.pathFilter()),
          queryClient.invalidateQueries(trpc.progress.pathFilter()),
          queryClient.invalidateQueries(trpc.audit.pathFilter()),
        ]);
        setResult(r);
        setProblems([]);
        setStep(3);
      },
      onError: (e) => setProblems(problemLines(e)),
    }),
  );

  const start = async () => {
    if (!file) return setProblems(['Choose a Microsoft Project XML or Excel file.']);
    if (file.size > MAX_BYTES) return setProblems(['The file is larger than 10 MB.']);
    setProblems([]);
    readFile.mutate({ programmeId, transferId, fileName: file.name, contentBase64: await toBase64(file) });
  };
  const runCheck = (m: PlanImportMapping) => {
    setMapping(m);
    check.mutate({ programmeId, transferId, file: read!.file, mapping: m });
  };
  const toggle = (key: string) => {
    const excluded = mapping!.excludedKeys ?? [];
    runCheck({
      ...mapping!,
      excludedKeys: excluded.includes(key) ? excluded.filter((k) => k !== key) : [...excluded, key],
    });
  };

  const orgOptions = (read?.organisations ?? []).map((o) => ({ value: o.id, label: o.shortName }));
  const personOptions = (read?.people ?? []).map((p) => ({
    value: p.id,
    label: `${p.name} (${p.organisation.shortName})`,
  }));
  const workstreamOptions = (read?.workstreams ?? []).map((w) => ({ value: w.value, label: w.label }));
  const groups = read
    ? [...new Set(read.file.tasks.map((t) => t.group).filter((g): g is string => !!g))]
    : [];
  const rows = preview
    ? preview.rows.filter((r) =>
        show === 'errors'
          ? r.action === 'error'
          : show === 'changes'
            ? r.action === 'create' || r.action === 'update'
            : true,
      )
    : [];

  return (
    <Modal opened={opened} onClose={close} title={`Import a plan into ${transferName}`} size="xl">
      <Stack>
        <Stepper active={step} size="xs" allowNextStepsSelect={false}>
          <Stepper.Step label="Choose file" />
          <Stepper.Step label="Match names" />
          <Stepper.Step label="Check" />
          <Stepper.Step label="Done" />
        </Stepper>
        <FormErrors messages={problems} />

        {step === 0 && (
          <Stack>
            <Text size="sm">
              Bring in a plan kept in Microsoft Project, ProjectLibre or GanttProject (saved as XML: in
              Project, File &gt; Save As &gt; XML Format) or in Excel (.xlsx: one task per row, with a task
              name, start and finish or duration; predecessors as Project writes them, such as “3FS+2d”).
              Tasks already in this plan are updated, new ones added, and tasks not in the file are kept.
              Nothing is saved until you confirm.
            </Text>
            <FileInput
              label="Plan file"
              placeholder="Choose an .xml or .xlsx file"
              accept=".xml,.xlsx,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconFileImport size={16} aria-hidden />}
              value={file}
              onChange={setFile}
              clearable
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button onClick={() => void start()} loading={readFile.isPending} disabled={!file}>
                Read file
              </Button>
            </Group>
          </Stack>
        )}

        {step === 1 && read && mapping && (
          <Stack>
            <Text size="sm">
              {read.file.fileName}: {formatCount(read.file.tasks.length, 'task', 'tasks')},{' '}
              {formatCount(read.file.links.length, 'link', 'links')},{' '}
              {formatCount(read.file.resources.length, 'resource', 'resources')}. The matches below are
              guessed from the names; change any that are wrong.
            </Text>
            {read.file.notes.length > 0 && (
              <List size="sm" c="#7a4b00">
                {read.file.notes.map((n, i) => (
                  <List.Item key={i}>{n}</List.Item>
                ))}
              </List>
            )}
            <ScrollArea.Autosize mah="50vh" type="auto">
              <Stack gap="md" pr="sm">
                {read.file.resources.length > 0 && (
                  <Stack gap="xs">
                    <Title order={3} size="h5">
                      Resources: who owns each task
                    </Title>
                    <Text size="xs" c="dimmed">
                      A resource that is an organisation owns the task; one that is a person is its assignee
                      (and, if no organisation is given, their organisation owns it).
                    </Text>
                    {read.file.resources.map((r) => {
                      const m = mapping.resources[r.name] ?? { organisationId: null, userId: null };
                      const set = (patch: Partial<typeof m>) =>
                        setMapping({
                          ...mapping,
                          resources: { ...mapping.resources, [r.name]: { ...m, ...patch } },
                        });
                      return (
                        <SimpleGrid key={r.name} cols={{ base: 1, sm: 2 }} spacing="sm">
                          <Select
                            size="xs"
                            label={`“${r.name}”: organisation`}
                            data={orgOptions}
                            value={m.organisationId}
                            onChange={(v) => set({ organisationId: v })}
                            clearable
                            placeholder="Not an organisation"
                          />
                          <Select
                            size="xs"
                            label={`“${r.name}”: person`}
                            data={personOptions}
                            value={m.userId}
                            onChange={(v) => set({ userId: v })}
                            clearable
                            searchable
                            placeholder="Not a person"
                          />
                        </SimpleGrid>
                      );
                    })}
                  </Stack>
                )}
                <Select
                  size="xs"
                  label="Tasks with no resource are owned by"
                  data={orgOptions}
                  value={mapping.defaultOrganisationId}
                  onChange={(v) => v && setMapping({ ...mapping, defaultOrganisationId: v })}
                  allowDeselect={false}
                />
                {groups.length > 0 && (
                  <Stack gap="xs">
                    <Title order={3} size="h5">
                      Groups: which workstream each goes in
                    </Title>
                    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                      {groups.map((g) => (
                        <Select
                          key={g}
                          size="xs"
                          label={`“${g}”`}
                          data={workstreamOptions}
                          value={mapping.groups[g] ?? null}
                          onChange={(v) => {
                            const next = { ...mapping.groups };
                            if (v) next[g] = v as TWorkstream;
                            else delete next[g];
                            setMapping({ ...mapping, groups: next });
                          }}
                          clearable
                          placeholder={`Not matched: ${WORKSTREAM_LABELS[mapping.defaultWorkstream]}`}
                        />
                      ))}
                    </SimpleGrid>
                  </Stack>
                )}
                <Select
                  size="xs"
                  label="Tasks in no matched group go in"
                  data={workstreamOptions}
                  value={mapping.defaultWorkstream}
                  onChange={(v) => v && setMapping({ ...mapping, defaultWorkstream: v as TWorkstream })}
                  allowDeselect={false}
                />
              </Stack>
            </ScrollArea.Autosize>
            <Group justify="space-between">
              <Button variant="default" onClick={reset}>
                Choose another file
              </Button>
              <Button onClick={() => runCheck(mapping)} loading={check.isPending}>
                Check the plan
              </Button>
            </Group>
          </Stack>
        )}

        {step === 2 && preview && (
          <Stack>
            <Group gap="xs" aria-live="polite">
              <Badge color={ACTION_BADGES.create.color} radius="sm" tt="none">
                {preview.counts.create} new
              </Badge>
              <Badge color={ACTION_BADGES.update.color} radius="sm" tt="none">
                {preview.counts.update} to update
              </Badge>
              <Badge color={ACTION_BADGES.unchanged.color} radius="sm" tt="none">
                {preview.counts.unchanged} unchanged
              </Badge>
              <Badge
                color={preview.counts.error > 0 ? ACTION_BADGES.error.color : ACTION_BADGES.unchanged.color}
                radius="sm"
                tt="none"
              >
                {preview.counts.error > 0
                  ? `${formatCount(preview.counts.error, 'task has', 'tasks have')} errors`
                  : 'no errors'}
              </Badge>
              {preview.counts.excluded > 0 && (
                <Badge color={ACTION_BADGES.excluded.color} radius="sm" tt="none">
                  {preview.counts.excluded} left out
                </Badge>
              )}
              <Badge color="#005EB8" variant="outline" radius="sm" tt="none">
                links: {preview.counts.linksAdded} added, {preview.counts.linksRemoved} removed
              </Badge>
            </Group>
            <Text size="sm" c="dimmed">
              Nothing has been saved yet. {formatCount(preview.counts.keptTasks, 'task', 'tasks')} already in
              this plan {preview.counts.keptTasks === 1 ? 'is' : 'are'} not in the file and stay as{' '}
              {preview.counts.keptTasks === 1 ? 'it is' : 'they are'}.
            </Text>
            {preview.fileErrors.length > 0 && <FormErrors messages={preview.fileErrors} />}
            {preview.notes.length > 0 && (
              <List size="sm" c="#7a4b00">
                {preview.notes.map((n, i) => (
                  <List.Item key={i}>{n}</List.Item>
                ))}
              </List>
            )}
            <Stack gap={4} data-testid="import-schedule">
              <Title order={3} size="h5">
                After the import
              </Title>
              <Text size="sm">
                {preview.schedule.forecastGoLive
                  ? `Forecast go-live ${formatDate(preview.schedule.forecastGoLive)}: ${slackText(preview.schedule.marginDays).text}.`
                  : 'The plan would have no tasks to forecast from.'}
              </Text>
              {preview.schedule.criticalPath.length > 0 && (
                <Text size="sm" data-testid="import-critical-path">
                  <Text span fw={700}>
                    Critical path ({preview.schedule.criticalPath.length}):
                  </Text>{' '}
                  {preview.schedule.criticalPath.map((t) => t.title).join(' → ')}
                </Text>
              )}
            </Stack>
            <SegmentedControl
              size="xs"
              aria-label="Tasks to show"
              value={show}
              onChange={(v) => setShow(v as typeof show)}
              data={[
                { value: 'all', label: `All tasks (${preview.rows.length})` },
                {
                  value: 'changes',
                  label: `New and changed (${preview.counts.create + preview.counts.update})`,
                },
                { value: 'errors', label: `Errors (${preview.counts.error})` },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            <ScrollArea.Autosize mah="40vh" type="auto" tabIndex={0} aria-label="Tasks checked">
              <Table fz="sm" verticalSpacing={4} striped stickyHeader layout="fixed" miw={720}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={110}>
                      In the file
                    </Table.Th>
                    <Table.Th scope="col" w={100}>
                      Action
                    </Table.Th>
                    <Table.Th scope="col" w="30%">
                      Task
                    </Table.Th>
                    <Table.Th scope="col" w={170}>
                      Dates
                    </Table.Th>
                    <Table.Th scope="col">Changes, errors or notes</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.slice(0, 500).map((r) => (
                    <Table.Tr key={r.key}>
                      <Table.Td>
                        <Checkbox
                          size="xs"
                          checked={r.action !== 'excluded'}
                          onChange={() => toggle(r.key)}
                          label={r.label}
                          aria-label={`Import ${r.label}: ${r.title}`}
                          disabled={check.isPending}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Badge color={ACTION_BADGES[r.action].color} radius="sm" size="sm" tt="none">
                          {ACTION_BADGES[r.action].label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {r.title}
                        {r.critical && (
                          <Badge ml={6} size="xs" color="#b10e1e" variant="outline" tt="none">
                            Critical
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {formatDate(r.startDate)} to {formatDate(r.dueDate)}
                      </Table.Td>
                      <Table.Td>
                        {r.errors.length > 0 && (
                          <List size="sm" spacing={0} c="red.9">
                            {r.errors.map((e, i) => (
                              <List.Item key={i}>{e}</List.Item>
                            ))}
                          </List>
                        )}
                        {r.warnings.length > 0 && (
                          <List size="sm" spacing={0} c="#7a4b00">
                            {r.warnings.map((e, i) => (
                              <List.Item key={i}>{e}</List.Item>
                            ))}
                          </List>
                        )}
                        {r.action === 'update' && <Text size="sm">Changes: {r.changes.join(', ')}</Text>}
                        {r.action === 'create' && !r.warnings.length && (
                          <Text size="sm" c="dimmed">
                            {WORKSTREAM_LABELS[r.workstream]}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            {rows.length > 500 && (
              <Text size="xs" c="dimmed">
                Showing the first 500 of {rows.length} tasks.
              </Text>
            )}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(1)}>
                Back to matching
              </Button>
              <Button
                onClick={() =>
                  commit.mutate({
                    programmeId,
                    transferId,
                    file: read!.file,
                    mapping: mapping!,
                    fingerprint: preview.fingerprint,
                  })
                }
                loading={commit.isPending}
                disabled={!preview.canCommit}
              >
                Import {formatCount(preview.counts.create + preview.counts.update, 'task', 'tasks')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 3 && result && (
          <Stack align="center" ta="center" py="md">
            <IconCircleCheck size={40} color="#006747" aria-hidden />
            <Text fw={700} size="lg" role="status">
              Plan imported: {result.created} new, {result.updated} updated, {result.unchanged} unchanged;{' '}
              {formatCount(result.linksAdded, 'link', 'links')} added, {result.linksRemoved} removed.
            </Text>
            {result.forecastGoLive && (
              <Text size="sm">
                Forecast go-live {formatDate(result.forecastGoLive)}: {slackText(result.marginDays).text}.
              </Text>
            )}
            <Button onClick={close}>Back to the plan</Button>
          </Stack>
        )}

        <ImportProgress
          label={
            readFile.isPending
              ? 'Reading the file…'
              : check.isPending
                ? 'Checking every task and the critical path…'
                : commit.isPending
                  ? 'Importing…'
                  : null
          }
        />
      </Stack>
    </Modal>
  );
}
