import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '@baton/api';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { BrowserRouter } from 'react-router';
import { TRPCProvider } from '../lib/trpc';
import { cssVariablesResolver, theme } from './theme';
import { ConnectionBanner } from './ConnectionBanner';
import { AppRoutes } from './router';

/** The app, with the clients made at start-up (see main.tsx: its first queries may already be on their way). */
export function App({
  trpcClient,
  queryClient,
}: {
  trpcClient: TRPCClient<AppRouter>;
  queryClient: QueryClient;
}) {
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light">
      <Notifications position="top-right" />
      <ConnectionBanner />
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </TRPCProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
