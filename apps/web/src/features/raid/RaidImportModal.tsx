import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, FileInput, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { RAID_KIND_LABELS } from '@baton/domain';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage, problemLines } from '../../lib/errors';
import { toBase64 } from '../../lib/files';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import type { RaidImportPreview } from './types';

/** Each row's outcome in words, in dark NHS colours that keep AA contrast on the striped rows. */
const ACTION: Record<string, { label: string; color: string }> = {
  create: { label: 'New', color: '#00662f' },
  update: { label: 'Update', color: '#003087' },
  skip: { label: 'Skipped', color: '#4c6272' },
  error: { label: 'Needs correcting', color: '#a3190f' },
};

/** Import a RAID log: choose a file, read the preview row by row, then import every row or none. */
export function RaidImportModal({
  programmeId,
  opened,
  onClose,
}: {
  programmeId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [preview, setPreview] = useState<RaidImportPreview | null>(null);
  const read = useMutation(trpc.raid.importPreview.mutationOptions({ onSuccess: setPreview }));
  const commit = useMutation(
    trpc.raid.importCommit.mutationOptions({
      onSuccess: async (r) => {
        notify({
          color: 'green',
          title: 'RAID log imported',
          message: `${r.created} new, ${r.updated} updated${r.skipped ? `, ${r.skipped} skipped` : ''}.`,
        });
        await queryClient.invalidateQueries(trpc.raid.pathFilter());
        close();
      },
    }),
  );
  const close = () => {
    setFile(null);
    setPreview(null);
    read.reset();
    commit.reset();
    onClose();
  };
  const choose = async (f: File | null) => {
    setPreview(null);
    commit.reset();
    if (!f) return setFile(null);
    const chosen = { fileName: f.name, contentBase64: await toBase64(f) };
    setFile(chosen);
    read.mutate({ programmeId, ...chosen });
  };
  const c = preview?.counts;
  return (
    <Modal opened={opened} onClose={close} title="Import a RAID log" size="xl">
      <Stack gap="sm">
        <Text size="sm">
          An Excel workbook with a sheet per log (Issues, Assumptions, Decisions, Actions: Baton&rsquo;s own
          download reads back), or one sheet with a <b>Type</b> column, or a CSV. Headings such as Title,
          Description, Owner, Status, Priority, Date raised and Target date are recognised; dates may be
          written 31/12/2026. Rows with one of this programme&rsquo;s references (ISS-004) update that item.
        </Text>
        <FileInput
          label="RAID log file"
          placeholder="Choose an .xlsx or .csv file"
          accept=".xlsx,.csv"
          onChange={(f) => void choose(f)}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
        />
        {read.isPending && (
          <Text size="sm" c="dimmed" aria-live="polite">
            Reading the file…
          </Text>
        )}
        {read.error && (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(read.error)}
          </Alert>
        )}
        {preview && c && (
          <>
            <Text size="sm" fw={600} aria-live="polite" data-testid="raid-import-counts">
              {c.create} new, {c.update} to update, {c.skip} skipped, {c.error} needing correction.
            </Text>
            <TableScroll label="What the import would do" minWidth={640}>
              <Table striped verticalSpacing={4} data-testid="raid-import-preview">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={120}>
                      Row
                    </Table.Th>
                    <Table.Th scope="col" w={130}>
                      Log
                    </Table.Th>
                    <Table.Th scope="col">Item</Table.Th>
                    <Table.Th scope="col" w={150}>
                      Outcome
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.rows.map((r) => (
                    <Table.Tr key={`${r.sheet}-${r.row}`}>
                      <Table.Td>
                        <Text size="sm">
                          {r.sheet ? `${r.sheet}, ` : ''}row {r.row}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{r.kind ? RAID_KIND_LABELS[r.kind].one : '—'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {r.reference ? `${r.reference} ` : ''}
                          {r.title || '(no title)'}
                        </Text>
                        {[...r.errors, ...r.notes].map((m) => (
                          <Text key={m} size="xs" c={r.errors.includes(m) ? 'red.9' : 'dimmed'}>
                            {m}
                          </Text>
                        ))}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={700} c={ACTION[r.action]!.color}>
                          {ACTION[r.action]!.label}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </>
        )}
        {commit.error && (
          <Alert color="red" variant="light" role="alert" title={errorMessage(commit.error)}>
            {problemLines(commit.error).map((l) => (
              <Text key={l} size="sm">
                {l}
              </Text>
            ))}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Cancel
          </Button>
          <Button
            leftSection={<IconFileImport size={16} aria-hidden />}
            disabled={!file || !c || c.error > 0 || c.create + c.update === 0}
            loading={commit.isPending}
            onClick={() => file && commit.mutate({ programmeId, ...file })}
          >
            {c && c.error > 0 ? 'Correct the file first' : `Import ${c ? c.create + c.update : ''} items`}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
