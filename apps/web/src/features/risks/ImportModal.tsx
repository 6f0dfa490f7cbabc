import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
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
} from '@mantine/core';
import { IconCircleCheck, IconFileSpreadsheet } from '@tabler/icons-react';
import { ImportProgress } from '../../components/ImportProgress';
import { FormErrors } from '../../components/QueryStates';
import { problemLines } from '../../lib/errors';
import { toBase64 } from '../../lib/files';
import { formatCount } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { useRefreshRisks } from './useRiskMutations';
import type {
  ImportField,
  ImportMapping,
  ImportPreview,
  ImportPreviewRow,
  ImportResult,
  ParsedSheet,
} from './types';

/** The register columns an import can fill, as the export names them (packages/api risk-io.columns.ts). */
const FIELD_LABELS: Record<ImportField, string> = {
  ref: 'Ref',
  title: 'Title',
  description: 'Risk description (cause, event, effect in one)',
  cause: 'Cause',
  event: 'Event',
  effect: 'Effect',
  category: 'Category',
  owner: 'Owner',
  organisation: 'Organisation',
  status: 'Status',
  initialC: 'Initial consequence',
  initialL: 'Initial likelihood',
  currentC: 'Current consequence',
  currentL: 'Current likelihood',
  targetC: 'Target consequence',
  targetL: 'Target likelihood',
  initialScore: 'Initial score (4x3=12, C4 L3 or 12)',
  currentScore: 'Current score (4x3=12, C4 L3 or 12)',
  targetScore: 'Target score (4x3=12, C4 L3 or 12)',
  targetDate: 'Target date',
  controls: 'Controls',
  gaps: 'Gaps',
  actions: 'Mitigation actions (one per line)',
  raised: 'Date raised',
  lastReviewed: 'Last reviewed',
  proximity: 'Proximity',
  workstream: 'Workstream',
  lots: 'Lots',
};
const FIELDS = Object.keys(FIELD_LABELS) as ImportField[];

const MAX_BYTES = 5 * 1024 * 1024;

const ACTION_BADGES: Record<ImportPreviewRow['action'], { label: string; color: string }> = {
  create: { label: 'New', color: '#005EB8' },
  update: { label: 'Update', color: '#425563' },
  unchanged: { label: 'Unchanged', color: '#4c6272' },
  error: { label: 'Error', color: '#b10e1e' },
  skipped: { label: 'Left out', color: '#768692' },
};

/** A row's problem as the person sees the file: named by the file's own heading. */
function problemText(e: { field: string; column?: string | undefined; message: string }): string {
  if (e.field === 'row') return e.message;
  return `${e.column ?? FIELD_LABELS[e.field as ImportField] ?? e.field}: ${e.message}`;
}

type Step = 0 | 1 | 2 | 3;

/**
 * Import a register from XLSX or CSV: read the file, match its columns to fields, check what every row
 * would do (nothing is written), then import all rows in one go, or none.
 */
export function ImportModal({
  programmeId,
  opened,
  onClose,
}: {
  programmeId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshRisks();
  const [step, setStep] = useState<Step>(0);
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState<ParsedSheet | null>(null);
  const [mapping, setMapping] = useState<Partial<ImportMapping>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const [excludedRows, setExcludedRows] = useState<number[]>([]);
  const [addCategories, setAddCategories] = useState(true);
  const [addOrganisations, setAddOrganisations] = useState(true);
  const [useActionSheet, setUseActionSheet] = useState(true);

  const reset = () => {
    setStep(0);
    setFile(null);
    setSheet(null);
    setMapping({});
    setPreview(null);
    setResult(null);
    setProblems([]);
    setErrorsOnly(false);
    setExcludedRows([]);
    setAddCategories(true);
    setAddOrganisations(true);
    setUseActionSheet(true);
  };
  const close = () => {
    onClose();
    reset();
  };

  const parse = useMutation(
    trpc.riskIo.parse.mutationOptions({
      onSuccess: (parsed) => {
        setSheet(parsed);
        setMapping(parsed.suggestedMapping);
        setProblems([]);
        setStep(1);
      },
      onError: (error) => setProblems(problemLines(error)),
    }),
  );
  const check = useMutation(
    trpc.riskIo.preview.mutationOptions({
      onSuccess: (p) => {
        setPreview(p);
        setProblems([]);
        setErrorsOnly(p.totals.error > 0);
        setStep(2);
      },
      onError: (error) => setProblems(problemLines(error)),
    }),
  );
  const commit = useMutation(
    trpc.riskIo.commit.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        setResult(r);
        setProblems([]);
        setStep(3);
      },
      onError: (error) => setProblems(problemLines(error)),
    }),
  );

  const sheetInput = () => ({
    programmeId,
    headers: sheet!.headers,
    rows: sheet!.rows,
    mapping: Object.fromEntries(Object.entries(mapping).filter(([, v]) => v !== null && v !== undefined)),
    firstRowNumber: sheet!.firstRowNumber,
    excludedRows,
    addCategories,
    addOrganisations,
    actionSheet: useActionSheet ? (sheet!.actionSheet ?? null) : null,
  });
  /** Re-checks with rows left out (or put back), without uploading the file again. */
  const recheck = (rows: number[], categories = addCategories, organisations = addOrganisations) => {
    setExcludedRows(rows);
    setAddCategories(categories);
    setAddOrganisations(organisations);
    check.mutate({
      ...sheetInput(),
      excludedRows: rows,
      addCategories: categories,
      addOrganisations: organisations,
    });
  };
  const toggleRow = (row: number) =>
    recheck(excludedRows.includes(row) ? excludedRows.filter((r) => r !== row) : [...excludedRows, row]);

  const readFile = async () => {
    if (!file) return setProblems(['Choose an XLSX or CSV file.']);
    if (file.size > MAX_BYTES) return setProblems(['The file is larger than 5 MB.']);
    setProblems([]);
    parse.mutate({ programmeId, fileName: file.name, contentBase64: await toBase64(file) });
  };

  const toImport = preview ? preview.totals.create + preview.totals.update : 0;
  const columnOptions = (sheet?.headers ?? []).map((h, i) => ({
    value: String(i),
    label: h || `Column ${i + 1}`,
  }));
  const shownRows = preview
    ? errorsOnly
      ? preview.rows.filter((r) => r.action === 'error')
      : preview.rows
    : [];

  return (
    <Modal opened={opened} onClose={close} title="Import risks from a spreadsheet" size="xl">
      <Stack>
        <Stepper active={step} size="xs" allowNextStepsSelect={false}>
          <Stepper.Step label="Choose file" />
          <Stepper.Step label="Match columns" />
          <Stepper.Step label="Check" />
          <Stepper.Step label="Done" />
        </Stepper>
        <FormErrors messages={problems} />

        {step === 0 && (
          <Stack>
            <Text size="sm">
              Import an Excel workbook (.xlsx) or a CSV file with one risk per row and the column headings in
              the first row. A file exported from this register imports straight back: rows with a Ref update
              that risk; rows without one raise new risks. Nothing is saved until you confirm.
            </Text>
            <FileInput
              label="Spreadsheet"
              placeholder="Choose an .xlsx or .csv file"
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
              value={file}
              onChange={setFile}
              clearable
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button onClick={() => void readFile()} loading={parse.isPending} disabled={!file}>
                Read file
              </Button>
            </Group>
          </Stack>
        )}

        {step === 1 && sheet && (
          <Stack>
            <Text size="sm">
              {file?.name}
              {sheet.sheetName ? `, sheet “${sheet.sheetName}”` : ''}:{' '}
              {formatCount(sheet.rows.length, 'row', 'rows')},{' '}
              {formatCount(sheet.headers.length, 'column', 'columns')}, headings on row{' '}
              {sheet.firstRowNumber - 1}.{' '}
              {sheet.rememberedMapping
                ? 'The columns are matched as they were the last time a file laid out like this was imported.'
                : 'The guesses come from the headings.'}{' '}
              Only the current score is needed: give it as one score column (4x3=12, C4 L3, 12) or as
              consequence and likelihood columns.
            </Text>
            {sheet.actionSheet && (
              <Checkbox
                checked={useActionSheet}
                onChange={(e) => setUseActionSheet(e.currentTarget.checked)}
                label={`Import the mitigation actions on the sheet “${sheet.actionSheet.sheetName}” (${formatCount(sheet.actionSheet.rows.length, 'row', 'rows')})`}
                description={`Matched to risks by “${sheet.actionSheet.headers[sheet.actionSheet.columns.ref]}”; actions marked complete are left out; only new risks get them.`}
              />
            )}
            <ScrollArea.Autosize mah="50vh" type="auto">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs" pr="sm">
                {FIELDS.map((field) => {
                  const index = mapping[field];
                  const sample = index !== null && index !== undefined ? sheet.rows[0]?.[index] : undefined;
                  return (
                    <Select
                      key={field}
                      size="xs"
                      label={FIELD_LABELS[field]}
                      data={columnOptions}
                      value={index === null || index === undefined ? null : String(index)}
                      onChange={(v) => setMapping((m) => ({ ...m, [field]: v === null ? null : Number(v) }))}
                      clearable
                      placeholder="Not imported"
                      description={sample ? `e.g. ${sample.slice(0, 60)}` : undefined}
                    />
                  );
                })}
              </SimpleGrid>
            </ScrollArea.Autosize>
            <Group justify="space-between">
              <Button variant="default" onClick={reset}>
                Choose another file
              </Button>
              <Button onClick={() => check.mutate(sheetInput())} loading={check.isPending}>
                Check rows
              </Button>
            </Group>
          </Stack>
        )}

        {step === 2 && preview && (
          <Stack>
            <Group gap="xs" aria-live="polite">
              <Text size="sm" fw={700}>
                {formatCount(preview.totals.rows, 'row', 'rows')}:
              </Text>
              <Badge color={ACTION_BADGES.create.color} radius="sm" tt="none">
                {preview.totals.create} new
              </Badge>
              <Badge color={ACTION_BADGES.update.color} radius="sm" tt="none">
                {preview.totals.update} to update
              </Badge>
              <Badge color={ACTION_BADGES.unchanged.color} radius="sm" tt="none">
                {preview.totals.unchanged} unchanged
              </Badge>
              <Badge color={ACTION_BADGES.error.color} radius="sm" tt="none">
                {formatCount(preview.totals.error, 'row has', 'rows have')} errors
              </Badge>
              {preview.totals.skipped > 0 && (
                <Badge color={ACTION_BADGES.skipped.color} radius="sm" tt="none">
                  {preview.totals.skipped} left out
                </Badge>
              )}
              {preview.totals.warnings > 0 && (
                <Badge color="#7a4b00" radius="sm" tt="none">
                  {formatCount(preview.totals.warnings, 'row has', 'rows have')} warnings
                </Badge>
              )}
              {preview.totals.actions > 0 && (
                <Badge color="#005EB8" variant="outline" radius="sm" tt="none">
                  {formatCount(preview.totals.actions, 'mitigation action', 'mitigation actions')}
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              Nothing has been saved yet. Warnings do not stop the import: they say what Baton assumed.
              {preview.totals.error > 0 &&
                ' Rows with errors stop the import (it is all rows or none): correct them in the file, change the column matches, or leave them out.'}
            </Text>
            {preview.unplacedActions > 0 && (
              <Text size="sm" c="dimmed">
                {formatCount(
                  preview.unplacedActions,
                  'action on the actions sheet names',
                  'actions on the actions sheet name',
                )}{' '}
                a risk this import does not add: not imported.
              </Text>
            )}
            {preview.totals.error > 0 && (
              <Button
                size="xs"
                variant="light"
                style={{ alignSelf: 'flex-start' }}
                loading={check.isPending}
                onClick={() =>
                  recheck([
                    ...excludedRows,
                    ...preview.rows.filter((r) => r.action === 'error').map((r) => r.rowNumber),
                  ])
                }
              >
                Leave out the {formatCount(preview.totals.error, 'row', 'rows')} with errors
              </Button>
            )}
            {(preview.newOrganisations.length > 0 || !addOrganisations) && (
              <Checkbox
                checked={addOrganisations}
                onChange={(e) => recheck(excludedRows, addCategories, e.currentTarget.checked)}
                label={
                  preview.newOrganisations.length > 0
                    ? `Add ${formatCount(preview.newOrganisations.length, 'organisation', 'organisations')} to the programme as partners: ${preview.newOrganisations.map((o) => `${o.name} (${o.existingId ? 'already in Baton' : `new, ${o.kindLabel.toLowerCase()}`})`).join(', ')}`
                    : 'Add the file’s organisations that are not in the programme'
                }
                description="Their role can be changed on the programme overview afterwards."
              />
            )}
            {(preview.newCategories.length > 0 || !addCategories) && (
              <Checkbox
                checked={addCategories}
                onChange={(e) => recheck(excludedRows, e.currentTarget.checked)}
                label={
                  preview.newCategories.length > 0
                    ? `Add ${formatCount(preview.newCategories.length, 'new category', 'new categories')} to the programme: ${preview.newCategories.map((k) => `${k.label} (${formatCount(k.rows, 'row', 'rows')})`).join(', ')}`
                    : 'Add the file’s new categories to the programme'
                }
                description="Each starts with the programme’s most tolerant appetite; adjust it in the risk matrix afterwards."
              />
            )}
            <SegmentedControl
              size="xs"
              aria-label="Rows to show"
              value={errorsOnly ? 'errors' : 'all'}
              onChange={(v) => setErrorsOnly(v === 'errors')}
              data={[
                { value: 'all', label: 'All rows' },
                { value: 'errors', label: `Rows with errors (${preview.totals.error})` },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            <ScrollArea.Autosize mah="45vh" type="auto" tabIndex={0} aria-label="Rows checked">
              <Table fz="sm" verticalSpacing={4} striped stickyHeader layout="fixed" miw={640}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={72}>
                      Row
                    </Table.Th>
                    <Table.Th scope="col" w={100}>
                      Action
                    </Table.Th>
                    <Table.Th scope="col" w={90}>
                      Ref
                    </Table.Th>
                    <Table.Th scope="col" w="32%">
                      Title
                    </Table.Th>
                    <Table.Th scope="col">Changes or errors</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shownRows.slice(0, 500).map((r) => (
                    <Table.Tr key={r.rowNumber}>
                      <Table.Td>
                        <Checkbox
                          size="xs"
                          checked={r.action !== 'skipped'}
                          onChange={() => toggleRow(r.rowNumber)}
                          label={r.rowNumber}
                          aria-label={`Import row ${r.rowNumber}`}
                          disabled={check.isPending}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Badge color={ACTION_BADGES[r.action].color} radius="sm" size="sm" tt="none">
                          {ACTION_BADGES[r.action].label}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{r.reference ?? r.keepsReference ?? r.sourceReference ?? '—'}</Table.Td>
                      <Table.Td>{typeof r.values.title === 'string' ? r.values.title : '—'}</Table.Td>
                      <Table.Td>
                        {r.errors.length > 0 && (
                          <List size="sm" spacing={0} c="red.9">
                            {r.errors.map((e, i) => (
                              <List.Item key={i}>{problemText(e)}</List.Item>
                            ))}
                          </List>
                        )}
                        {r.warnings.length > 0 && r.action !== 'error' && (
                          <List size="sm" spacing={0} c="#7a4b00">
                            {r.warnings.map((e, i) => (
                              <List.Item key={i}>{problemText(e)}</List.Item>
                            ))}
                          </List>
                        )}
                        {r.errors.length > 0 || r.warnings.length > 0 ? null : r.changes.length > 0 ? (
                          <Text size="sm">
                            {r.changes.map((c) => FIELD_LABELS[c as ImportField] ?? c).join(', ')}
                          </Text>
                        ) : (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
            {shownRows.length > 500 && (
              <Text size="xs" c="dimmed">
                Showing the first 500 of {shownRows.length} rows.
              </Text>
            )}
            <Group justify="space-between">
              <Button variant="default" onClick={() => setStep(1)}>
                Back to columns
              </Button>
              <Button
                onClick={() =>
                  commit.mutate({ ...sheetInput(), versions: preview.versions, fileName: file?.name })
                }
                loading={commit.isPending}
                disabled={preview.totals.error > 0 || toImport === 0}
              >
                Import {formatCount(toImport, 'row', 'rows')}
              </Button>
            </Group>
          </Stack>
        )}

        {step === 3 && result && (
          <Stack align="center" ta="center" py="md">
            <IconCircleCheck size={40} color="#006747" aria-hidden />
            <Text fw={700} size="lg" role="status">
              Import complete: {result.created} new, {result.updated} updated, {result.unchanged} unchanged
              {result.skipped > 0 ? `, ${result.skipped} left out` : ''}.
            </Text>
            {result.actions > 0 && (
              <Text size="sm">
                {formatCount(result.actions, 'mitigation action', 'mitigation actions')} added.
              </Text>
            )}
            {result.organisationsAdded.length > 0 && (
              <Text size="sm">Organisations added as partners: {result.organisationsAdded.join(', ')}</Text>
            )}
            {result.categoriesAdded.length > 0 && (
              <Text size="sm">Categories added: {result.categoriesAdded.join(', ')}</Text>
            )}
            {result.references.created.length > 0 && (
              <Text size="sm">Raised: {result.references.created.join(', ')}</Text>
            )}
            {result.references.updated.length > 0 && (
              <Text size="sm">Updated: {result.references.updated.join(', ')}</Text>
            )}
            <Button onClick={close}>Back to the register</Button>
          </Stack>
        )}

        <ImportProgress
          label={
            parse.isPending
              ? 'Reading the file…'
              : check.isPending
                ? 'Checking every row…'
                : commit.isPending
                  ? 'Importing…'
                  : null
          }
        />
      </Stack>
    </Modal>
  );
}
