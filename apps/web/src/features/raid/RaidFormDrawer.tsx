import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import {
  RAID_KIND_LABELS,
  RAID_PRIORITIES,
  RAID_PRIORITY_LABELS,
  RAID_STATUS_LABELS,
  RAID_STATUSES,
  raidReference,
  riskReference,
  type TRaidKind,
} from '@baton/domain';
import { DateField } from '../../components/DateField';
import { errorMessage, fieldErrorsOf, isConflict } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useRiskPeople } from '../risks/useRiskPeople';
import { RaidHistory } from './RaidHistory';
import type { RaidItem } from './types';

interface TForm {
  title: string;
  description: string;
  owningOrganisationId: string;
  ownerUserId: string | null;
  status: string;
  priority: string | null;
  impact: string;
  resolution: string;
  raisedOn: string | null;
  dueOn: string | null;
  closedOn: string | null;
  decidedBy: string;
}

const blank = (kind: TRaidKind, organisationId: string): TForm => ({
  title: '',
  description: '',
  owningOrganisationId: organisationId,
  ownerUserId: null,
  status: RAID_STATUSES[kind][0],
  priority: kind === 'issue' ? 'medium' : null,
  impact: '',
  resolution: '',
  raisedOn: null,
  dueOn: null,
  closedOn: null,
  decidedBy: '',
});

const fromItem = (i: RaidItem): TForm => ({
  title: i.title,
  description: i.description,
  owningOrganisationId: i.owningOrganisation.id,
  ownerUserId: i.owner?.id ?? null,
  status: i.status,
  priority: i.priority,
  impact: i.impact,
  resolution: i.resolution,
  raisedOn: i.raisedOn,
  dueOn: i.dueOn,
  closedOn: i.closedOn,
  decidedBy: i.decidedBy,
});

/** Words that fit each log: an assumption's impact is what happens if it is wrong, and so on. */
const WORDS: Record<TRaidKind, { impact: string; resolution: string; due: string; closed: string }> = {
  issue: { impact: 'Impact', resolution: 'Resolution', due: 'Target resolution date', closed: 'Resolved on' },
  assumption: {
    impact: 'If it proves wrong',
    resolution: 'How it was checked',
    due: 'Validate by',
    closed: 'Checked on',
  },
  decision: { impact: 'Impact', resolution: 'Rationale', due: 'Review by', closed: 'Decided on' },
  action: { impact: 'Impact', resolution: 'Update', due: 'Due', closed: 'Done on' },
};

/** Raise or edit an item of one log; what the server refuses is shown by its field. */
export function RaidFormDrawer({
  programmeId,
  kind,
  item,
  opened,
  onClose,
}: {
  programmeId: string;
  kind: TRaidKind;
  item: RaidItem | null;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const people = useRiskPeople(programmeId);
  const [form, setForm] = useState<TForm>(() =>
    item ? fromItem(item) : blank(kind, people.me?.organisationId ?? ''),
  );
  useEffect(() => {
    if (opened) setForm(item ? fromItem(item) : blank(kind, people.me?.organisationId ?? ''));
  }, [opened, item, kind, people.me?.organisationId]);
  const set = <K extends keyof TForm>(k: K, v: TForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const done = async (title: string) => {
    notify({ color: 'green', title, message: 'The RAID log is up to date.' });
    await queryClient.invalidateQueries(trpc.raid.pathFilter());
    onClose();
  };
  const create = useMutation(
    trpc.raid.create.mutationOptions({
      onSuccess: (r) => done(`${raidReference(r.kind, r.number)} raised`),
    }),
  );
  const update = useMutation(
    trpc.raid.update.mutationOptions({
      onSuccess: (r) => done(`${raidReference(r.kind, r.number)} saved`),
    }),
  );
  const error = create.error ?? update.error;
  const errors = error ? fieldErrorsOf(error) : {};
  const w = WORDS[kind];
  const readOnly = item !== null && !item.canEdit;
  const label = RAID_KIND_LABELS[kind].one;

  const submit = () => {
    const fields = {
      title: form.title,
      description: form.description,
      owningOrganisationId: form.owningOrganisationId,
      ownerUserId: form.ownerUserId,
      status: form.status as never,
      priority: (kind === 'issue' ? form.priority : null) as never,
      impact: form.impact,
      resolution: form.resolution,
      dueOn: form.dueOn,
      closedOn: form.closedOn,
      decidedBy: form.decidedBy,
      ...(form.raisedOn ? { raisedOn: form.raisedOn } : {}),
    };
    if (item) update.mutate({ programmeId, raidId: item.id, version: item.version, ...fields });
    else create.mutate({ programmeId, kind, ...fields });
  };

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={
        item
          ? `${raidReference(item.kind, item.number)}: edit ${label.toLowerCase()}`
          : `New ${label.toLowerCase()}`
      }
    >
      <Stack gap="sm">
        {error && (
          <Alert color="red" variant="light" role="alert">
            {isConflict(error)
              ? 'Someone else changed this item while you were editing. Close and open it again to see their change.'
              : Object.keys(errors).length
                ? 'Some of the values need correcting.'
                : errorMessage(error)}
          </Alert>
        )}
        {readOnly && (
          <Text size="sm" c="dimmed">
            Only {item?.owningOrganisation.name} (or a programme lead) can change this item.
          </Text>
        )}
        <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <Stack gap="sm">
            <TextInput
              label="Title"
              required
              value={form.title}
              onChange={(e) => set('title', e.currentTarget.value)}
              error={errors.title}
              maxLength={300}
            />
            <Textarea
              label="Description"
              autosize
              minRows={2}
              value={form.description}
              onChange={(e) => set('description', e.currentTarget.value)}
              error={errors.description}
            />
            <Group grow align="flex-start">
              <Select
                label="Organisation"
                required
                data={people.ownableOrganisations}
                value={form.owningOrganisationId}
                onChange={(v) => v && set('owningOrganisationId', v)}
                allowDeselect={false}
                error={errors.owningOrganisationId}
              />
              <Select
                label="Owner"
                placeholder="No owner yet"
                data={people.owners}
                value={form.ownerUserId}
                onChange={(v) => set('ownerUserId', v)}
                clearable
                searchable
                error={errors.ownerUserId}
              />
            </Group>
            <Group grow align="flex-start">
              <Select
                label={kind === 'decision' ? 'Outcome' : 'Status'}
                data={RAID_STATUSES[kind].map((s) => ({ value: s, label: RAID_STATUS_LABELS[s] }))}
                value={form.status}
                onChange={(v) => v && set('status', v)}
                allowDeselect={false}
                error={errors.status}
              />
              {kind === 'issue' && (
                <Select
                  label="Priority"
                  data={RAID_PRIORITIES.map((p) => ({ value: p, label: RAID_PRIORITY_LABELS[p] }))}
                  value={form.priority}
                  onChange={(v) => set('priority', v)}
                  allowDeselect={false}
                  error={errors.priority}
                />
              )}
            </Group>
            <Group grow align="flex-start">
              <DateField
                label="Raised on"
                description={item ? undefined : 'Today if left empty'}
                value={form.raisedOn}
                onChange={(v) => set('raisedOn', v as string | null)}
                error={errors.raisedOn}
                clearable
              />
              <DateField
                label={w.due}
                value={form.dueOn}
                onChange={(v) => set('dueOn', v as string | null)}
                error={errors.dueOn}
                clearable
              />
              <DateField
                label={w.closed}
                description="Today when finished, if left empty"
                value={form.closedOn}
                onChange={(v) => set('closedOn', v as string | null)}
                error={errors.closedOn}
                clearable
              />
            </Group>
            {kind !== 'action' && (
              <Textarea
                label={w.impact}
                autosize
                minRows={2}
                value={form.impact}
                onChange={(e) => set('impact', e.currentTarget.value)}
                error={errors.impact}
              />
            )}
            <Textarea
              label={w.resolution}
              autosize
              minRows={2}
              value={form.resolution}
              onChange={(e) => set('resolution', e.currentTarget.value)}
              error={errors.resolution}
            />
            {kind === 'decision' && (
              <TextInput
                label="Decided by"
                description="The group or person who took it"
                value={form.decidedBy}
                onChange={(e) => set('decidedBy', e.currentTarget.value)}
                error={errors.decidedBy}
              />
            )}
          </Stack>
        </fieldset>
        {item?.risk && (
          <Text size="sm" c="dimmed">
            Linked to risk {riskReference(item.risk.number)}: {item.risk.title}
          </Text>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {readOnly ? 'Close' : 'Cancel'}
          </Button>
          {!readOnly && (
            <Button onClick={submit} loading={create.isPending || update.isPending}>
              {item ? 'Save' : `Raise ${label.toLowerCase()}`}
            </Button>
          )}
        </Group>
        {item && <RaidHistory programmeId={programmeId} raidId={item.id} />}
      </Stack>
    </Drawer>
  );
}
