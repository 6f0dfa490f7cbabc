import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Code,
  Group,
  Image,
  List,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { PageSkeleton, QueryError } from '../../components/QueryStates';
import { errorMessage, fieldErrorsOf } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { notify } from '../../lib/notify';
import { useTRPC } from '../../lib/trpc';
import { usePageTitle } from '../../lib/usePageTitle';

/** Recovery codes, shown once: to copy or download, with what they are for. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const text = `Baton recovery codes (each works once)\n\n${codes.join('\n')}\n`;
  return (
    <Card withBorder padding="lg" data-testid="recovery-codes">
      <Stack gap="sm">
        <Title order={2} size="h3">
          Your recovery codes
        </Title>
        <Text size="sm">
          Store these somewhere safe, such as your password manager. If you lose your phone, each code signs
          you in once instead of a code from the app. They are shown only now.
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={4}>
          {codes.map((c) => (
            <Code key={c} fz="md">
              {c}
            </Code>
          ))}
        </SimpleGrid>
        <Group>
          <Button variant="default" onClick={() => void navigator.clipboard?.writeText(text)}>
            Copy
          </Button>
          <Button
            variant="default"
            component="a"
            href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
            download="baton-recovery-codes.txt"
          >
            Download as text
          </Button>
          <Button onClick={onDone}>I have saved them</Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** A code from the app (or a recovery code) to confirm a change to the second factor. */
function CodeForm({
  label,
  action,
  pending,
  error,
  onSubmit,
  color,
}: {
  label: string;
  action: string;
  pending: boolean;
  error: unknown;
  onSubmit: (code: string) => void;
  color?: string;
}) {
  const [code, setCode] = useState('');
  const errs = error ? fieldErrorsOf(error as never) : {};
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(code);
      }}
    >
      <Group align="flex-end">
        <TextInput
          label={label}
          autoComplete="one-time-code"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          error={errs.code ?? (error ? errorMessage(error as never) : undefined)}
          w={260}
        />
        <Button type="submit" loading={pending} disabled={!code.trim()} color={color}>
          {action}
        </Button>
      </Group>
    </form>
  );
}

/** My second factor: set up an authenticator app, see recovery codes left, make new ones, turn it off. */
export function SecurityPage() {
  usePageTitle('Security');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.auth.secondFactor.queryOptions());
  const [codes, setCodes] = useState<string[] | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.auth.secondFactor.queryFilter());
  const begin = useMutation(trpc.auth.beginTotp.mutationOptions());
  const confirm = useMutation(
    trpc.auth.confirmTotp.mutationOptions({
      onSuccess: async (r) => {
        setCodes(r.recoveryCodes);
        begin.reset();
        notify({
          color: 'green',
          title: 'Second factor on',
          message: 'Signing in now asks for a code from your app.',
        });
        await refresh();
      },
    }),
  );
  const renew = useMutation(
    trpc.auth.newRecoveryCodes.mutationOptions({
      onSuccess: async (r) => {
        setCodes(r.recoveryCodes);
        await refresh();
      },
    }),
  );
  const disable = useMutation(
    trpc.auth.disableTotp.mutationOptions({
      onSuccess: async () => {
        notify({
          color: 'green',
          title: 'Second factor off',
          message: 'Signing in asks for your password only.',
        });
        await refresh();
      },
    }),
  );

  if (status.isPending) return <PageSkeleton />;
  if (status.error) return <QueryError error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;

  return (
    <Stack gap="lg" maw={760}>
      <Stack gap={4}>
        <Title order={1}>Security</Title>
        <Text c="dimmed">A second factor keeps your account safe if someone learns your password.</Text>
      </Stack>
      {s.requiredBy.length > 0 && (
        <Alert color="blue" variant="light" icon={<IconShieldLock aria-hidden />} title="Required">
          {s.requiredBy.join(', ')} {s.requiredBy.length === 1 ? 'asks' : 'ask'} everyone who signs in with a
          password to use a second factor.
        </Alert>
      )}
      {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
      {!s.usesPassword ? (
        <Card withBorder padding="lg">
          <Text>
            You sign in through your organisation’s own account, so its sign-in (usually with Microsoft
            Authenticator or similar) protects your Baton account. There is nothing to set up here.
          </Text>
        </Card>
      ) : s.enabled ? (
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Group gap="xs">
              <IconShieldCheck size={22} color="var(--mantine-color-green-9)" aria-hidden />
              <Title order={2} size="h3">
                Authenticator app is on
              </Title>
            </Group>
            <Text size="sm">
              On since {s.enabledAt ? formatTimestamp(s.enabledAt) : 'earlier'}.{' '}
              <strong>{s.recoveryCodesLeft}</strong> recovery code{s.recoveryCodesLeft === 1 ? '' : 's'} left.
            </Text>
            <CodeForm
              label="Code from your app, to make new recovery codes"
              action="Make new recovery codes"
              pending={renew.isPending}
              error={renew.error}
              onSubmit={(code) => renew.mutate({ code })}
            />
            {s.requiredBy.length === 0 ? (
              <CodeForm
                label="Code from your app (or a recovery code), to turn it off"
                action="Turn off"
                color="red.8"
                pending={disable.isPending}
                error={disable.error}
                onSubmit={(code) => disable.mutate({ code })}
              />
            ) : (
              <Text size="sm" c="dimmed">
                It cannot be turned off while {s.requiredBy.join(', ')} requires it.
              </Text>
            )}
          </Stack>
        </Card>
      ) : (
        <Card withBorder padding="lg">
          <Stack gap="md">
            <Title order={2} size="h3">
              Set up an authenticator app
            </Title>
            {!begin.data ? (
              <>
                <Text size="sm">
                  Use Microsoft Authenticator, Google Authenticator, 1Password or any app that shows 6-digit
                  codes. Signing in will then ask for a code as well as your password.
                </Text>
                {begin.error && (
                  <Text size="sm" c="red.8" role="alert">
                    {errorMessage(begin.error)}
                  </Text>
                )}
                <Group>
                  <Button loading={begin.isPending} onClick={() => begin.mutate()}>
                    Set up an authenticator app
                  </Button>
                </Group>
              </>
            ) : (
              <>
                <List type="ordered" size="sm" spacing="xs">
                  <List.Item>In your app, add an account and scan this QR code.</List.Item>
                  <List.Item>
                    Or type this key:{' '}
                    <Code data-testid="totp-secret">
                      {begin.data.secret.replace(/(.{4})/g, '$1 ').trim()}
                    </Code>
                  </List.Item>
                  <List.Item>Enter the 6-digit code the app shows.</List.Item>
                </List>
                <Image
                  src={`data:image/svg+xml;utf8,${encodeURIComponent(begin.data.qrSvg)}`}
                  alt="QR code for your authenticator app"
                  w={180}
                  h={180}
                  bg="white"
                />
                <CodeForm
                  label="6-digit code from the app"
                  action="Turn on"
                  pending={confirm.isPending}
                  error={confirm.error}
                  onSubmit={(code) => confirm.mutate({ code })}
                />
              </>
            )}
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
