import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ORGANISATION_KIND_LABELS, ZCreateOrganisationInput } from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, isConflict } from '../../lib/errors';
import { optionsOf } from '../../lib/labels';
import { useTRPC, type Organisation } from '../../lib/trpc';
import { focusFirstInvalid, zodValidate } from '../../lib/zodForm';

interface OrganisationFormValues {
  name: string;
  shortName: string;
  kind: string | null;
  odsCode: string;
}

const valuesOf = (o: Organisation | null): OrganisationFormValues => ({
  name: o?.name ?? '',
  shortName: o?.shortName ?? '',
  kind: o?.kind ?? null,
  odsCode: o?.odsCode ?? '',
});

const toInput = (v: OrganisationFormValues) => ({
  name: v.name,
  shortName: v.shortName,
  kind: v.kind ?? '',
  odsCode: v.odsCode.trim() === '' ? null : v.odsCode.trim().toUpperCase(),
});

const schemaErrors = zodValidate(ZCreateOrganisationInput, toInput);

/** Adds an organisation, or edits one (`organisation` given). */
export function OrganisationFormModal({
  organisation,
  opened,
  onClose,
}: {
  organisation: Organisation | null;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const form = useForm<OrganisationFormValues>({
    initialValues: valuesOf(organisation),
    validate: (v) => ({
      ...schemaErrors(v),
      ...(v.kind ? {} : { kind: 'Choose what kind of organisation this is' }),
    }),
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(organisation));
    form.clearErrors();
    setProblems([]);
    setConflict(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when (re)opened
  }, [opened, organisation?.id]);

  const done = async (title: string) => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.organisation.pathFilter()),
      queryClient.invalidateQueries(trpc.programme.overview.pathFilter()),
      queryClient.invalidateQueries(trpc.member.list.pathFilter()),
    ]);
    notifications.show({ color: 'green', title, message: form.values.name });
    onClose();
  };
  const onError = async (error: unknown) => {
    if (isConflict(error)) {
      await queryClient.invalidateQueries(trpc.organisation.pathFilter());
      const latest = queryClient
        .getQueryData(trpc.organisation.list.queryKey())
        ?.find((o) => o.id === organisation?.id);
      if (latest) form.setValues(valuesOf(latest));
      setConflict(true);
      return;
    }
    setProblems(applyServerErrors(form, error));
    focusFirstInvalid(formRef.current);
  };
  const create = useMutation(
    trpc.organisation.create.mutationOptions({ onSuccess: () => done('Organisation added'), onError }),
  );
  const update = useMutation(
    trpc.organisation.update.mutationOptions({ onSuccess: () => done('Organisation saved'), onError }),
  );
  const latestVersion = () =>
    queryClient.getQueryData(trpc.organisation.list.queryKey())?.find((o) => o.id === organisation?.id)
      ?.version ??
    organisation?.version ??
    1;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={organisation ? `Edit ${organisation.name}` : 'Add an organisation'}
      size="lg"
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            setConflict(false);
            const input = ZCreateOrganisationInput.parse(toInput(values));
            if (organisation)
              update.mutate({ ...input, organisationId: organisation.id, version: latestVersion() });
            else create.mutate(input);
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          {conflict && (
            <Alert role="alert" color="orange" variant="light" title="This organisation changed">
              Someone else changed this organisation while you were editing; the latest version is now shown.
              Make your changes again and save.
            </Alert>
          )}
          <FormErrors messages={problems} />
          <TextInput
            label="Name"
            description="Its full legal name"
            required
            {...form.getInputProps('name')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Short name"
              description="Shown where space is tight, e.g. BNSSG ICB"
              required
              {...form.getInputProps('shortName')}
            />
            <TextInput
              label="ODS code"
              description="Optional: the NHS Organisation Data Service code"
              autoCapitalize="characters"
              {...form.getInputProps('odsCode')}
            />
          </SimpleGrid>
          <Select
            label="Kind"
            data={optionsOf(ORGANISATION_KIND_LABELS)}
            required
            {...form.getInputProps('kind')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {organisation ? 'Save organisation' : 'Add organisation'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
