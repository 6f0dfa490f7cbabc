import { Component, type ReactNode } from 'react';
import { Alert, Button, Center, Code, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';

/** Browsers word a failed dynamic import differently; all mean "this page's code could not be fetched". */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /dynamically imported module|Importing a module script failed|ChunkLoadError|Loading (CSS )?chunk|error loading dynamically imported/i.test(
    message,
  );
}

const RELOADED_KEY = 'baton:reloaded-for-chunk';

/**
 * A page whose code cannot be loaded (a new version was deployed, or the connection dropped) or that fails
 * while drawing shows what happened and a way on, never a blank screen. A missing chunk reloads the page once
 * by itself: after a deployment that fetches the new version.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override componentDidCatch(error: unknown) {
    if (!isChunkLoadError(error)) return;
    const last = Number(sessionStorage.getItem(RELOADED_KEY) ?? 0);
    // Once per half-minute at most, so an offline browser does not reload in a loop.
    if (Date.now() - last > 30_000) {
      sessionStorage.setItem(RELOADED_KEY, String(Date.now()));
      window.location.reload();
    }
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const chunk = isChunkLoadError(error);
    return (
      <Center py="xl" px="md">
        <Alert
          color={chunk ? 'blue' : 'red'}
          title={chunk ? 'This page could not be loaded' : 'Something went wrong on this page'}
          role="alert"
          maw={560}
        >
          <Stack gap="sm">
            <Text size="sm">
              {chunk
                ? 'Baton may have been updated since you opened it, or the connection dropped. Reloading fetches the latest version; nothing you saved is lost.'
                : 'The page stopped while drawing. Reloading usually helps; if it happens again, tell your programme office what you were doing.'}
            </Text>
            {!chunk && error instanceof Error && <Code block>{error.message}</Code>}
            <Button
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => window.location.reload()}
              style={{ alignSelf: 'flex-start' }}
            >
              Reload
            </Button>
          </Stack>
        </Alert>
      </Center>
    );
  }
}
