import { useEffect, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  ActionIcon,
  Alert,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import type { GatewayView } from './types';

interface TDomain {
  key: string;
  name: string;
  /** One criterion per line. */
  criteria: string;
}

/** The gateway's domains and criteria, edited as a whole before scoring starts: one criterion per line. */
export function CriteriaEditor({
  programmeId,
  view,
  opened,
  onClose,
}: {
  programmeId: string;
  view: GatewayView;
  opened: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [domains, setDomains] = useState<TDomain[]>([]);
  useEffect(() => {
    if (opened)
      setDomains(
        view.domains.map((d) => ({
          key: d.id,
          name: d.name,
          criteria: d.criteria.map((c) => c.text).join('\n'),
        })),
      );
    // Only when it opens (or the gateway changes version): a background refetch must not reset what is typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opened, view.gateway.version]);
  const save = useMutation(
    trpc.gateway.setCriteria.mutationOptions({
      onSuccess: async () => {
        notify({ color: 'green', title: 'Criteria saved', message: 'The panel will rate this list.' });
        await queryClient.invalidateQueries(trpc.gateway.pathFilter());
        onClose();
      },
    }),
  );
  const set = (key: string, patch: Partial<TDomain>) =>
    setDomains((ds) => ds.map((d) => (d.key === key ? { ...d, ...patch } : d)));
  const lines = (s: string) =>
    s
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  // Field errors name a domain by its place in the list: say it the way the form does.
  const problems = save.error
    ? Object.entries(fieldErrorsOf(save.error)).map(([k, v]) => {
        const at = /^domains\.(\d+)/.exec(k);
        return at ? `Domain ${Number(at[1]) + 1}: ${v}` : v;
      })
    : [];

  return (
    <Modal opened={opened} onClose={onClose} title="Domains and criteria" size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            programmeId,
            gatewayId: view.gateway.id,
            version: view.gateway.version,
            domains: domains.map((d) => ({ name: d.name.trim(), criteria: lines(d.criteria) })),
          });
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            Each panel member rates every criterion. The list is fixed once scoring starts, so everyone rates
            the same one.
          </Text>
          {save.error && (
            <Alert color="red" role="alert" title="Not saved">
              {problems.length ? problems.join(' ') : errorMessage(save.error)}
            </Alert>
          )}
          {domains.map((d, i) => (
            <Card key={d.key} withBorder padding="sm" radius="sm">
              <Stack gap="xs">
                <Group align="flex-end" wrap="nowrap">
                  <TextInput
                    style={{ flex: 1 }}
                    label={`Domain ${i + 1}`}
                    required
                    value={d.name}
                    onChange={(e) => set(d.key, { name: e.currentTarget.value })}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red.9"
                    size="lg"
                    aria-label={`Remove domain ${d.name || i + 1}`}
                    onClick={() => setDomains((ds) => ds.filter((x) => x.key !== d.key))}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                <Textarea
                  label={`Criteria of ${d.name || `domain ${i + 1}`}, one per line`}
                  autosize
                  minRows={3}
                  value={d.criteria}
                  onChange={(e) => set(d.key, { criteria: e.currentTarget.value })}
                />
              </Stack>
            </Card>
          ))}
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() =>
                setDomains((ds) => [...ds, { key: `new-${Date.now()}`, name: '', criteria: '' }])
              }
            >
              Add a domain
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save criteria
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
