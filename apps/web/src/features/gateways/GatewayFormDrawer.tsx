import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  Drawer,
  Group,
  MultiSelect,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { can, isCommissionerRole, ISAP_CHECKPOINT_LABELS, type TPartyRole } from '@baton/domain';
import { useNavigate } from 'react-router';
import { DateField } from '../../components/DateField';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useRiskPeople } from '../risks/useRiskPeople';
import type { GatewayView } from './types';

interface TForm {
  name: string;
  assessedOrganisationId: string | null;
  isapCheckpoint: string | null;
  lotId: string | null;
  scoringOpensOn: string | null;
  panelDueOn: string | null;
  panelUserIds: string[];
  useTemplate: boolean;
}

const formOf = (v: GatewayView | null): TForm =>
  v
    ? {
        name: v.gateway.name,
        assessedOrganisationId: v.gateway.assessedOrganisationId,
        isapCheckpoint: v.gateway.isapCheckpoint ? String(v.gateway.isapCheckpoint) : null,
        lotId: v.gateway.lot?.id ?? null,
        scoringOpensOn: v.gateway.scoringOpensOn,
        panelDueOn: v.gateway.panelDueOn,
        panelUserIds: v.panel.map((p) => p.id),
        useTemplate: false,
      }
    : {
        name: '',
        assessedOrganisationId: null,
        isapCheckpoint: null,
        lotId: null,
        scoringOpensOn: null,
        panelDueOn: null,
        panelUserIds: [],
        useTemplate: true,
      };

/** Set up a gateway, or change its details and panel. The server checks every name again. */
export function GatewayFormDrawer({
  programmeId,
  opened,
  onClose,
  editing,
}: {
  programmeId: string;
  opened: boolean;
  onClose: () => void;
  /** The gateway being changed; none to set one up. */
  editing: GatewayView | null;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const people = useRiskPeople(programmeId);
  const [form, setForm] = useState<TForm>(() => formOf(editing));
  // Filled when the drawer opens (or the gateway changes version), not on every background refetch of the view,
  // which would throw away what is being typed.
  const editingKey = editing ? `${editing.gateway.id}:${editing.gateway.version}` : 'new';
  useEffect(() => {
    if (opened) setForm(formOf(editing));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, editingKey]);
  const set = <K extends keyof TForm>(k: K, v: TForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  const rolesByOrg = useMemo(() => {
    const m = new Map<string, { name: string; roles: TPartyRole[] }>();
    for (const p of people.programme.overview.data?.parties ?? []) {
      const e = m.get(p.organisation.id) ?? { name: p.organisation.name, roles: [] };
      e.roles.push(p.role);
      m.set(p.organisation.id, e);
    }
    return m;
  }, [people.programme.overview.data?.parties]);
  // Assured: a provider or bidder; never a commissioner, who runs the panel.
  const assessable = [...rolesByOrg.entries()]
    .filter(([, e]) => !isCommissionerRole(e.roles))
    .map(([value, e]) => ({ value, label: e.name }))
    .sort((a, b) => a.label.localeCompare(b.label));
  // The panel: the commissioners' members who can write (and programme admins), never of the assessed.
  const panelOptions = (people.members.data ?? [])
    .filter((m) => {
      const roles = rolesByOrg.get(m.organisation.id)?.roles ?? [];
      return (
        can(m.role, 'items.editOwn') &&
        m.organisation.id !== form.assessedOrganisationId &&
        (m.role === 'programme_admin' || isCommissionerRole(roles))
      );
    })
    .map((m) => ({ value: m.userId, label: `${m.name} (${m.organisation.shortName})` }));

  const done = async () => {
    await queryClient.invalidateQueries(trpc.gateway.pathFilter());
    onClose();
  };
  const create = useMutation(
    trpc.gateway.create.mutationOptions({
      onSuccess: async (g) => {
        notify({ color: 'green', title: 'Gateway set up', message: `${g.name}: next, check its criteria.` });
        await done();
        void navigate(`/p/${programmeId}/gateways/${g.id}`);
      },
    }),
  );
  const update = useMutation(
    trpc.gateway.update.mutationOptions({
      onSuccess: async (g) => {
        notify({ color: 'green', title: 'Gateway saved', message: g.name });
        await done();
      },
    }),
  );
  const failed = create.error ?? update.error;
  const errors = failed ? fieldErrorsOf(failed) : {};
  const status = editing?.gateway.status ?? 'draft';

  const fields = {
    programmeId,
    name: form.name,
    assessedOrganisationId: form.assessedOrganisationId ?? '',
    isapCheckpoint: form.isapCheckpoint ? (Number(form.isapCheckpoint) as 1 | 2 | 3) : null,
    lotId: form.lotId,
    scoringOpensOn: form.scoringOpensOn,
    panelDueOn: form.panelDueOn,
    panelUserIds: form.panelUserIds,
  };

  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      position="right"
      size="lg"
      title={editing ? 'Gateway details and panel' : 'Set up an assurance gateway'}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (editing)
            update.mutate({ ...fields, gatewayId: editing.gateway.id, version: editing.gateway.version });
          else create.mutate({ ...fields, useTemplate: form.useTemplate });
        }}
      >
        <Stack>
          {failed && (
            <Alert color="red" role="alert" title="Not saved">
              {errorMessage(failed)}
            </Alert>
          )}
          <TextInput
            label="Name"
            description="e.g. Gateway 1: alliance readiness"
            required
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
          />
          <Select
            label="Organisation assured"
            description="The alliance, bidder or preferred provider the panel assesses"
            required
            searchable
            data={assessable}
            value={form.assessedOrganisationId}
            onChange={(v) =>
              setForm((f) => ({
                ...f,
                assessedOrganisationId: v,
                panelUserIds: f.panelUserIds,
              }))
            }
            disabled={status !== 'draft'}
            error={errors.assessedOrganisationId}
            nothingFoundMessage="Add the provider or bidder as a party of the programme first"
          />
          <Select
            label="ISAP checkpoint (optional)"
            description="NHS England’s assurance checkpoint this gateway serves"
            clearable
            data={([1, 2, 3] as const).map((n) => ({ value: String(n), label: ISAP_CHECKPOINT_LABELS[n] }))}
            value={form.isapCheckpoint}
            onChange={(v) => set('isapCheckpoint', v)}
            error={errors.isapCheckpoint}
          />
          {people.lots.length > 0 && (
            <Select
              label="Lot (optional)"
              clearable
              data={people.lots}
              value={form.lotId}
              onChange={(v) => set('lotId', v)}
              error={errors.lotId}
            />
          )}
          <Group grow align="flex-start">
            <DateField
              label="Scoring opens (optional)"
              value={form.scoringOpensOn}
              onChange={(v) => set('scoringOpensOn', v)}
              error={errors.scoringOpensOn}
            />
            <DateField
              label="Panel ratings due (optional)"
              value={form.panelDueOn}
              onChange={(v) => set('panelDueOn', v)}
              error={errors.panelDueOn}
            />
          </Group>
          <MultiSelect
            label="Panel"
            description="Members of the commissioners’ organisations who can edit; each rates every criterion independently"
            searchable
            data={panelOptions}
            value={form.panelUserIds}
            onChange={(v) => set('panelUserIds', v)}
            disabled={status === 'moderation' || status === 'decided'}
            error={errors.panelUserIds}
            nothingFoundMessage="No eligible member: invite the commissioners’ panel members first"
          />
          {status === 'scoring' && (
            <Text size="xs" c="dimmed">
              Taking someone off the panel while it scores removes the ratings they have given.
            </Text>
          )}
          {!editing && (
            <Checkbox
              label="Start from the Suffolk template: 8 domains, 3 criteria each (editable until scoring starts)"
              checked={form.useTemplate}
              onChange={(e) => set('useTemplate', e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {editing ? 'Save' : 'Set up gateway'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
