import { Alert, Button, Center, Group, Loader, Skeleton, Stack } from '@mantine/core';
import { IconAlertTriangle, IconShieldLock } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../lib/errors';

/** A page-sized placeholder while data loads (announced to screen readers as busy). */
export function PageSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <Stack gap="md" role="status" aria-busy="true" aria-label="Loading">
      <Skeleton height={36} width="40%" />
      <Skeleton height={18} width="60%" />
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} height={72} />
      ))}
    </Stack>
  );
}

export function FullPageLoader({ label = 'Loading' }: { label?: string }) {
  return (
    <Center h="100vh" role="status" aria-busy="true" aria-label={label}>
      <Loader aria-hidden />
    </Center>
  );
}

/** An error from a query, in words, with a way to try again. */
/** The programme requires a second factor and this session used a password alone (see membershipFor). */
export function needsSecondFactor(error: unknown): boolean {
  return (error as { data?: { secondFactorRequired?: boolean } } | null)?.data?.secondFactorRequired === true;
}

export function SecondFactorNeeded() {
  return (
    <Alert
      color="blue"
      variant="light"
      title="This programme asks for a second factor"
      icon={<IconShieldLock aria-hidden />}
    >
      <Stack gap="sm">
        <span>
          Everyone who signs in to it with a password also uses an authenticator app. Set one up (it takes a
          minute), then come back.
        </span>
        <Group>
          <Button component={Link} to="/account/security" size="xs">
            Set up a second factor
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

export function QueryError({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  if (needsSecondFactor(error)) return <SecondFactorNeeded />;
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      title={title ?? 'This could not be loaded'}
      icon={<IconAlertTriangle aria-hidden />}
    >
      <Stack gap="sm">
        <span>{errorMessage(error)}</span>
        {onRetry && (
          <Group>
            <Button size="xs" variant="outline" color="red.9" onClick={onRetry}>
              Try again
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** Messages that belong to no particular field, shown at the top of a form. */
export function FormErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <Alert role="alert" color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
