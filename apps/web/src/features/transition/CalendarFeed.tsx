import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Button,
  Card,
  CopyButton,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { QueryError } from '../../components/QueryStates';
import { errorMessage } from '../../lib/errors';
import { formatTimestamp } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

/**
 * Subscribe a calendar (Outlook, Google, Apple) to one's tasks and the programme's key dates. The link is a
 * secret shown once; making a new one or turning it off ends the old one.
 */
export function CalendarFeed({ programmeId }: { programmeId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feed = useQuery(trpc.calendar.feed.queryOptions({ programmeId }));
  const [url, setUrl] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries(trpc.calendar.feed.queryFilter({ programmeId }));
  const create = useMutation(
    trpc.calendar.createFeed.mutationOptions({
      onSuccess: async (r) => {
        setUrl(`${window.location.origin}${r.path}`);
        await refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.calendar.revokeFeed.mutationOptions({
      onSuccess: async () => {
        setUrl(null);
        await refresh();
      },
    }),
  );
  const error = create.error ?? revoke.error;

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="calendar-feed-heading">
      <Stack gap="sm">
        <Group gap="xs">
          <IconCalendarEvent size={20} aria-hidden />
          <Title order={2} size="h4" id="calendar-feed-heading">
            See these dates in your calendar
          </Title>
        </Group>
        <Text size="sm">
          A private link your calendar app checks for changes: your open tasks on their due dates, the
          milestones and go/no-go gates of the transfers you can see, their statutory dates (ELI,
          consultation, transfer) and, if you see them, steering group meetings. It shows only what you can
          see in Baton, and stops working if you leave the programme.
        </Text>
        {feed.isError && <QueryError error={feed.error} onRetry={() => void feed.refetch()} />}
        {error && (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        )}
        {url && (
          <Stack gap="xs">
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label="Your calendar link (shown only now: copy it)"
                value={url}
                readOnly
                style={{ flex: 1 }}
                onFocus={(e) => e.currentTarget.select()}
              />
              <CopyButton value={url}>
                {({ copied, copy }) => (
                  <Button variant={copied ? 'filled' : 'light'} onClick={copy}>
                    {copied ? 'Copied' : 'Copy link'}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <List size="sm" spacing={2}>
              <List.Item>
                Outlook: Add calendar, then Subscribe from web, and paste the link.{' '}
                <Anchor href={url.replace(/^https?:/, 'webcal:')}>Open in Outlook or Apple Calendar</Anchor>
              </List.Item>
              <List.Item>Google Calendar: Other calendars, +, From URL, and paste the link.</List.Item>
              <List.Item>Apple Calendar: File, New Calendar Subscription, and paste the link.</List.Item>
            </List>
          </Stack>
        )}
        {feed.data && (
          <Group gap="sm">
            {feed.data.active && !url && (
              <Text size="sm" c="dimmed" data-testid="calendar-feed-state">
                Your link is on: made {formatTimestamp(feed.data.createdAt)}
                {feed.data.lastUsedAt
                  ? `, last read by a calendar ${formatTimestamp(feed.data.lastUsedAt)}`
                  : ', not read by a calendar yet'}
                .
              </Text>
            )}
            <Button
              size="sm"
              variant={feed.data.active ? 'default' : 'filled'}
              loading={create.isPending}
              onClick={() => create.mutate({ programmeId })}
            >
              {feed.data.active ? 'Make a new link (the old one stops working)' : 'Make my calendar link'}
            </Button>
            {feed.data.active && (
              <Button
                size="sm"
                variant="outline"
                color="#b10e1e"
                loading={revoke.isPending}
                onClick={() => revoke.mutate({ programmeId })}
              >
                Turn the link off
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
