import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { DateField } from '../../components/DateField';
import { TableScroll } from '../../components/TableScroll';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { DocumentList } from '../due-diligence/DocumentList';
import type { GatewayEvidence, GatewayView } from './types';

function EvidenceFiles({
  programmeId,
  evidence,
  canAttach,
}: {
  programmeId: string;
  evidence: GatewayEvidence;
  canAttach: boolean;
}) {
  const trpc = useTRPC();
  const docs = useQuery(
    trpc.document.list.queryOptions({ programmeId, parentType: 'gateway_evidence', parentId: evidence.id }),
  );
  return (
    <DocumentList
      programmeId={programmeId}
      parentType="gateway_evidence"
      requestId={evidence.id}
      documents={docs.data ?? []}
      canAttach={canAttach}
    />
  );
}

interface TForm {
  description: string;
  providedBy: string;
  receivedOn: string | null;
  target: string | null;
  reference: string;
  notes: string;
}
const BLANK: TForm = {
  description: '',
  providedBy: '',
  receivedOn: null,
  target: null,
  reference: '',
  notes: '',
};

/** The evidence log: what the panel was given, by whom and when, for which domain or criterion, with files. */
export function EvidenceLog({ programmeId, view }: { programmeId: string; view: GatewayView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [form, setForm] = useState<TForm>(BLANK);
  const editable = view.canManage && view.gateway.status !== 'decided';
  const refresh = () => queryClient.invalidateQueries(trpc.gateway.pathFilter());
  const add = useMutation(
    trpc.gateway.addEvidence.mutationOptions({
      onSuccess: async () => {
        notify({ color: 'green', title: 'Evidence logged', message: form.description });
        setAdding(false);
        setForm(BLANK);
        await refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.gateway.removeEvidence.mutationOptions({
      onSuccess: async () => {
        notify({ color: 'green', title: 'Evidence removed', message: 'The log is up to date.' });
        await refresh();
      },
    }),
  );
  const errors = add.error ? fieldErrorsOf(add.error) : {};
  const targets = view.domains.flatMap((d) => [
    { value: `d:${d.id}`, label: `${d.name} (whole domain)` },
    ...d.criteria.map((c) => ({ value: `c:${c.id}`, label: `${d.name}: ${c.text}` })),
  ]);
  const nameOf = (e: GatewayEvidence) => {
    if (e.criterionId)
      for (const d of view.domains) {
        const c = d.criteria.find((x) => x.id === e.criterionId);
        if (c) return `${d.name}: ${c.text}`;
      }
    return view.domains.find((d) => d.id === e.domainId)?.name ?? 'The gateway as a whole';
  };

  return (
    <Stack gap="sm">
      {remove.error && (
        <Alert color="red" role="alert">
          {errorMessage(remove.error)}
        </Alert>
      )}
      {view.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing logged yet. Log each document or presentation the panel is given, so the decision can show
          what it rested on.
        </Text>
      ) : (
        <TableScroll label="Evidence log" minWidth={760}>
          <Table striped verticalSpacing="xs" data-testid="evidence-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Evidence</Table.Th>
                <Table.Th scope="col" w={170}>
                  From
                </Table.Th>
                <Table.Th scope="col" w={120}>
                  Received
                </Table.Th>
                <Table.Th scope="col" w={240}>
                  For
                </Table.Th>
                <Table.Th scope="col" w={110}>
                  <span className="visually-hidden">Files and actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {view.evidence.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Th scope="row" fw={400}>
                    <Text size="sm" fw={600}>
                      {e.description}
                    </Text>
                    {e.reference && (
                      <Text size="xs" c="dimmed">
                        {e.reference}
                      </Text>
                    )}
                    {e.notes && <Text size="xs">{e.notes}</Text>}
                  </Table.Th>
                  <Table.Td>
                    <Text size="sm">{e.providedBy || '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.receivedOn ? formatDate(e.receivedOn) : '—'}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{nameOf(e)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Anchor component="button" type="button" size="sm" onClick={() => setOpen(e.id)}>
                        Files
                        <span className="visually-hidden"> for {e.description}</span>
                      </Anchor>
                      {editable && (
                        <ActionIcon
                          variant="subtle"
                          color="red.9"
                          aria-label={`Remove ${e.description}`}
                          loading={remove.isPending && remove.variables?.evidenceId === e.id}
                          onClick={() =>
                            remove.mutate({
                              programmeId,
                              gatewayId: view.gateway.id,
                              evidenceId: e.id,
                              version: e.version,
                            })
                          }
                        >
                          <IconTrash size={16} aria-hidden />
                        </ActionIcon>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {editable && (
        <Group>
          <Button
            variant="default"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            Log evidence
          </Button>
        </Group>
      )}

      <Modal opened={adding} onClose={() => setAdding(false)} title="Log evidence" size="lg">
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            add.mutate({
              programmeId,
              gatewayId: view.gateway.id,
              description: form.description,
              providedBy: form.providedBy,
              receivedOn: form.receivedOn,
              domainId: form.target?.startsWith('d:') ? form.target.slice(2) : null,
              criterionId: form.target?.startsWith('c:') ? form.target.slice(2) : null,
              reference: form.reference,
              notes: form.notes,
            });
          }}
        >
          <Stack>
            {add.error && (
              <Alert color="red" role="alert" title="Not logged">
                {errorMessage(add.error)}
              </Alert>
            )}
            <TextInput
              label="What it is"
              description="e.g. Alliance agreement heads of terms, signed by all partners"
              required
              value={form.description}
              onChange={(e) => setForm({ ...form, description: e.currentTarget.value })}
              error={errors.description}
            />
            <Group grow align="flex-start">
              <TextInput
                label="Provided by (optional)"
                value={form.providedBy}
                onChange={(e) => setForm({ ...form, providedBy: e.currentTarget.value })}
                error={errors.providedBy}
              />
              <DateField
                label="Received (optional)"
                value={form.receivedOn}
                onChange={(v) => setForm({ ...form, receivedOn: v })}
                error={errors.receivedOn}
              />
            </Group>
            <Select
              label="Evidence for (optional)"
              clearable
              searchable
              data={targets}
              value={form.target}
              onChange={(v) => setForm({ ...form, target: v })}
              error={errors.criterionId ?? errors.domainId}
            />
            <TextInput
              label="Reference (optional)"
              description="A document reference or where it is kept"
              value={form.reference}
              onChange={(e) => setForm({ ...form, reference: e.currentTarget.value })}
              error={errors.reference}
            />
            <Textarea
              label="Notes (optional)"
              autosize
              minRows={2}
              value={form.notes}
              onChange={(e) => setForm({ ...form, notes: e.currentTarget.value })}
              error={errors.notes}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAdding(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={add.isPending}>
                Log evidence
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>

      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={`Files: ${view.evidence.find((e) => e.id === open)?.description ?? ''}`}
        size="lg"
      >
        {open && (
          <EvidenceFiles
            programmeId={programmeId}
            evidence={view.evidence.find((e) => e.id === open)!}
            canAttach={editable}
          />
        )}
      </Modal>
    </Stack>
  );
}
