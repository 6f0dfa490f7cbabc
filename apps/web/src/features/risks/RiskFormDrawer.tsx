import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Drawer, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconRefreshAlert } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { FormErrors } from '../../components/QueryStates';
import { isConflict } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { focusFirstInvalid } from '../../lib/zodForm';
import {
  applyRiskServerErrors,
  emptyRiskValues,
  RiskFormFields,
  toRiskFields,
  validateRisk,
  valuesFromRisk,
  type RiskFormValues,
} from './riskForm';
import { notify } from './notify';
import { conflictMessage, useRefreshRisks } from './useRiskMutations';
import { useRiskPeople } from './useRiskPeople';
import type { Risk, RiskMatrix } from './types';

/**
 * Raise a new risk, or edit every field of an existing one. An edit names the version it was read at: if
 * someone else saved first, the drawer reloads the latest for the user to re-apply their change.
 */
export function RiskFormDrawer({
  programmeId,
  matrix,
  risk,
  opened,
  onClose,
}: {
  programmeId: string;
  matrix: RiskMatrix;
  /** The risk to edit; absent to raise a new one. */
  risk?: Risk;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = useRefreshRisks();
  const people = useRiskPeople(programmeId);
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState(risk?.version ?? 0);
  // The values the edit started from, to tell whether anything changed.
  const baseline = useRef<RiskFormValues | null>(null);
  const defaultOrganisation =
    people.ownableOrganisations.length === 1 ? people.ownableOrganisations[0]!.value : null;
  const initial = () =>
    risk ? valuesFromRisk(risk) : emptyRiskValues({ owningOrganisationId: defaultOrganisation });
  const form = useForm<RiskFormValues>({ initialValues: initial(), validate: validateRisk });

  // Each time the drawer opens, start from the risk as it is now (or a blank risk).
  useEffect(() => {
    if (!opened) return;
    const values = initial();
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
    baseline.current = values;
    setVersion(risk?.version ?? 0);
    setProblems([]);
    setConflict(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only on open, not on every refetch
  }, [opened]);

  // A contributor's own organisation arrives with the programme: default to it once known.
  useEffect(() => {
    if (opened && !risk && defaultOrganisation && !form.getValues().owningOrganisationId)
      form.setFieldValue('owningOrganisationId', defaultOrganisation);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the default becomes known
  }, [defaultOrganisation, opened]);

  const onError = (error: unknown) => {
    setProblems(applyRiskServerErrors(form, error));
    focusFirstInvalid(formRef.current);
  };

  const create = useMutation(
    trpc.risk.create.mutationOptions({
      onSuccess: async (created) => {
        await refresh();
        notify({ color: 'green', title: `${created.reference} raised`, message: created.title });
        onClose();
        void navigate(`/p/${programmeId}/risks/${created.id}`);
      },
      onError,
    }),
  );

  const update = useMutation(
    trpc.risk.update.mutationOptions({
      onSuccess: async (saved) => {
        await refresh();
        notify({
          color: 'green',
          title: `${saved.reference} saved`,
          message: 'Your changes are saved.',
        });
        onClose();
      },
      onError: async (error) => {
        if (risk && isConflict(error)) {
          setProblems([]);
          const latest = await queryClient.fetchQuery({
            ...trpc.risk.get.queryOptions({ programmeId, riskId: risk.id }),
            staleTime: 0,
          });
          await refresh();
          const values = valuesFromRisk(latest.risk);
          form.setValues(values);
          form.resetDirty(values);
          form.clearErrors();
          baseline.current = values;
          setVersion(latest.risk.version);
          setConflict(true);
          return;
        }
        onError(error);
      },
    }),
  );

  const limited = people.ownableOrganisations.length < people.organisations.length;
  return (
    <Drawer
      opened={opened}
      onClose={onClose}
      title={risk ? `Edit ${risk.reference}` : 'New risk'}
      position="right"
      size="xl"
      padding="lg"
    >
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            setConflict(false);
            const fields = toRiskFields(values);
            if (!risk) return create.mutate({ ...fields, programmeId });
            // The whole risk is sent (see fieldsOfRisk): the baseline only tells whether anything changed.
            const before = toRiskFields(baseline.current ?? values);
            if (JSON.stringify(before) === JSON.stringify(fields)) {
              notify({ color: 'gray', title: 'Nothing to save', message: `${risk.reference} is unchanged.` });
              return onClose();
            }
            update.mutate({ ...fields, programmeId, riskId: risk.id, version });
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          {conflict && risk && (
            <Alert
              role="alert"
              color="orange"
              variant="light"
              icon={<IconRefreshAlert aria-hidden />}
              title={`${risk.reference} changed`}
            >
              {conflictMessage(risk.reference)}
            </Alert>
          )}
          <FormErrors messages={problems} />
          <RiskFormFields
            form={form}
            matrix={matrix}
            owners={people.owners}
            organisations={people.organisations}
            ownableOrganisations={
              risk && !people.ownableOrganisations.some((o) => o.value === risk.owningOrganisation.id)
                ? [
                    ...people.ownableOrganisations,
                    { value: risk.owningOrganisation.id, label: risk.owningOrganisation.name },
                  ]
                : people.ownableOrganisations
            }
            lots={people.lots}
            limitedToOwnOrganisation={limited}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {risk ? 'Save risk' : 'Raise risk'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Drawer>
  );
}
