import { useEffect, useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Group, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { DD_CATEGORIES, DD_CATEGORY_LABELS, ddReference, mayBeAsked, type TPartyRole } from '@baton/domain';
import { DateField } from '../../components/DateField';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { useRiskPeople } from '../risks/useRiskPeople';

interface TForm {
  title: string;
  detail: string;
  category: string | null;
  respondingOrganisationId: string | null;
  responderUserId: string | null;
  dueOn: string | null;
  lotId: string | null;
  transferId: string | null;
}
const BLANK: TForm = {
  title: '',
  detail: '',
  category: null,
  respondingOrganisationId: null,
  responderUserId: null,
  dueOn: null,
  lotId: null,
  transferId: null,
};

/** Ask an outgoing provider for information: what, of whom, by when. The server checks every name again. */
export function AskRequestDrawer({
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
  const people = useRiskPeople(programmeId);
  const [form, setForm] = useState<TForm>(BLANK);
  useEffect(() => {
    if (opened) setForm(BLANK);
  }, [opened]);
  const set = <K extends keyof TForm>(k: K, v: TForm[K]) => setForm((f) => ({ ...f, [k]: v }));

  // Who can be asked: organisations taking part other than as bidders only (outgoing providers first).
  const askable = useMemo(() => {
    const roles = new Map<string, { name: string; roles: TPartyRole[] }>();
    for (const p of people.programme.overview.data?.parties ?? []) {
      const e = roles.get(p.organisation.id) ?? { name: p.organisation.name, roles: [] };
      e.roles.push(p.role);
      roles.set(p.organisation.id, e);
    }
    return [...roles.entries()]
      .filter(([id, e]) => mayBeAsked(e.roles) && id !== people.me?.organisationId)
      .sort(([, a], [, b]) => {
        const rank = (x: typeof a) => (x.roles.includes('outgoing_provider') ? 0 : 1);
        return rank(a) - rank(b) || a.name.localeCompare(b.name);
      })
      .map(([value, e]) => ({
        value,
        label: e.roles.includes('outgoing_provider') ? `${e.name} (outgoing provider)` : e.name,
      }));
  }, [people.programme.overview.data?.parties, people.me?.organisationId]);
  const responders = (people.members.data ?? [])
    .filter((m) => m.organisation.id === form.respondingOrganisationId)
    .map((m) => ({ value: m.userId, label: m.name }));

  // A request for a transfer counts in its readiness while overdue; bidders see no transfers to choose.
  const transfers = useQuery({
    ...trpc.transition.transfers.queryOptions({ programmeId }),
    enabled: opened,
  });
  const transferOptions = (transfers.data ?? []).map((t) => ({
    value: t.transfer.id,
    label: t.transfer.name,
  }));
  const create = useMutation(
    trpc.dueDiligence.create.mutationOptions({
      onSuccess: async (r) => {
        notify({
          color: 'green',
          title: `${ddReference(r.number)} sent`,
          message: `${r.respondingOrganisation.name} has been told.`,
        });
        await queryClient.invalidateQueries(trpc.dueDiligence.pathFilter());
        onClose();
      },
    }),
  );
  const errors = create.error ? fieldErrorsOf(create.error) : {};

  return (
    <Drawer opened={opened} onClose={onClose} position="right" size="lg" title="Ask for information">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({
            programmeId,
            title: form.title,
            detail: form.detail,
            category: (form.category ?? '') as never,
            respondingOrganisationId: form.respondingOrganisationId ?? '',
            responderUserId: form.responderUserId,
            dueOn: form.dueOn ?? '',
            lotId: form.lotId,
            transferId: form.transferId,
          });
        }}
      >
        <Stack>
          {create.error && (
            <Alert color="red" role="alert" title="The request was not sent">
              {errorMessage(create.error)}
            </Alert>
          )}
          <TextInput
            label="What is asked for"
            description="e.g. Staff list with employee liability information for the district nursing teams"
            required
            value={form.title}
            onChange={(e) => set('title', e.currentTarget.value)}
            error={errors.title}
          />
          <Select
            label="Category"
            required
            data={DD_CATEGORIES.map((c) => ({ value: c, label: DD_CATEGORY_LABELS[c] }))}
            value={form.category}
            onChange={(v) => set('category', v)}
            error={errors.category}
          />
          <Select
            label="Ask of"
            description="The organisation that holds the information"
            required
            searchable
            data={askable}
            value={form.respondingOrganisationId}
            onChange={(v) => setForm((f) => ({ ...f, respondingOrganisationId: v, responderUserId: null }))}
            error={errors.respondingOrganisationId}
            nothingFoundMessage="No organisation here can be asked: add the outgoing provider as a party first"
          />
          <Select
            label="Person who answers (optional)"
            description="Without one, every member of the organisation asked is told"
            clearable
            searchable
            data={responders}
            disabled={!form.respondingOrganisationId}
            value={form.responderUserId}
            onChange={(v) => set('responderUserId', v)}
            error={errors.responderUserId}
          />
          <DateField
            label="Due by"
            required
            value={form.dueOn}
            onChange={(v) => set('dueOn', v)}
            error={errors.dueOn}
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
          {transferOptions.length > 0 && (
            <Select
              label="Transfer (optional)"
              description="While overdue, the request counts against this transfer's readiness"
              clearable
              data={transferOptions}
              value={form.transferId}
              onChange={(v) => set('transferId', v)}
              error={errors.transferId}
            />
          )}
          <Textarea
            label="Detail"
            description="What exactly, in what form, for which services or sites"
            autosize
            minRows={4}
            value={form.detail}
            onChange={(e) => set('detail', e.currentTarget.value)}
            error={errors.detail}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Send request
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
