import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { BrowserRouter } from 'react-router';
import { createAppQueryClient, createTrpcClient, TRPCProvider } from '../lib/trpc';
import { cssVariablesResolver, theme } from './theme';
import { ConnectionBanner } from './ConnectionBanner';
import { AppRoutes } from './router';

export function App() {
  const [trpcClient] = useState(createTrpcClient);
  const [queryClient] = useState(() => createAppQueryClient(trpcClient));
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
