import { useEffect, useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { ZLotFields } from '@baton/domain';
import { FormErrors } from '../../components/QueryStates';
import { applyServerErrors, isConflict } from '../../lib/errors';
import { formatMoneyShort } from '../../lib/format';
import { useTRPC, type Lot } from '../../lib/trpc';
import { focusFirstInvalid, zodValidate } from '../../lib/zodForm';

interface LotFormValues {
  code: string;
  name: string;
  services: string;
  annualValueGbp: number | string;
}

const toLotFields = (v: LotFormValues) => ({
  code: v.code,
  name: v.name,
  services: v.services,
  annualValueGbp: v.annualValueGbp === '' ? null : Number(v.annualValueGbp),
});

const valuesOf = (lot: Lot | null): LotFormValues => ({
  code: lot?.code ?? '',
  name: lot?.name ?? '',
  services: lot?.services ?? '',
  annualValueGbp: lot?.annualValueGbp ?? '',
});

/** Adds a lot, or edits one (`lot` given). */
export function LotFormModal({
  programmeId,
  lot,
  opened,
  onClose,
}: {
  programmeId: string;
  lot: Lot | null;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const form = useForm<LotFormValues>({
    initialValues: valuesOf(lot),
    validate: zodValidate(ZLotFields, toLotFields),
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(valuesOf(lot));
    form.clearErrors();
    setProblems([]);
    setConflict(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset when (re)opened for a lot
  }, [opened, lot?.id]);

  const done = async (message: string) => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.programme.overview.pathFilter()),
      queryClient.invalidateQueries(trpc.audit.pathFilter()),
    ]);
    notifications.show({ color: 'green', title: message, message: form.values.name });
    onClose();
  };
  const onError = (error: unknown) => {
    if (isConflict(error)) {
      setConflict(true);
      void queryClient.invalidateQueries(trpc.programme.overview.pathFilter());
      return;
    }
    setProblems(applyServerErrors(form, error));
    focusFirstInvalid(formRef.current);
  };
  const create = useMutation(
    trpc.lot.create.mutationOptions({ onSuccess: () => done('Lot added'), onError }),
  );
  const update = useMutation(
    trpc.lot.update.mutationOptions({ onSuccess: () => done('Lot saved'), onError }),
  );
  const annual = form.values.annualValueGbp;

  return (
    <Modal opened={opened} onClose={onClose} title={lot ? `Edit ${lot.code}` : 'Add a lot'} size="lg">
      <form
        ref={formRef}
        noValidate
        onSubmit={form.onSubmit(
          (values) => {
            setProblems([]);
            const fields = ZLotFields.parse(toLotFields(values));
            if (lot) update.mutate({ ...fields, programmeId, lotId: lot.id, version: lot.version });
            else create.mutate({ ...fields, programmeId });
          },
          () => focusFirstInvalid(formRef.current),
        )}
      >
        <Stack>
          {conflict && (
            <Alert role="alert" color="orange" variant="light" title="This lot changed">
              Someone else changed this lot while you were editing. Close this window to see the latest
              version, then make your changes again.
            </Alert>
          )}
          <FormErrors messages={problems} />
          <Group grow align="flex-start">
            <TextInput label="Lot code" description="e.g. Lot 1" required {...form.getInputProps('code')} />
            <NumberInput
              label="Annual value (£)"
              description={annual === '' ? 'In pounds a year' : `${formatMoneyShort(Number(annual))} a year`}
              prefix="£"
              thousandSeparator=","
              allowNegative={false}
              decimalScale={0}
              hideControls
              {...form.getInputProps('annualValueGbp')}
            />
          </Group>
          <TextInput label="Lot name" required {...form.getInputProps('name')} />
          <Textarea
            label="Services"
            description="The services in this lot, e.g. community nursing, therapies, intermediate care"
            autosize
            minRows={3}
            {...form.getInputProps('services')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {lot ? 'Save lot' : 'Add lot'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
