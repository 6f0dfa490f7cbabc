import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { App } from './app/App';
import { prefetchFor } from './app/prefetch';
import { preloadPageFor } from './app/router';
import { createAppQueryClient, createTrpcClient } from './lib/trpc';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');

// The page's first questions go out before anything else (the browser's six connections soon fill with code),
// then its code starts downloading: both alongside the session check, not after it.
const trpcClient = createTrpcClient();
const queryClient = createAppQueryClient(trpcClient);
prefetchFor(window.location, queryClient, trpcClient);
// After tRPC's batch has gone (it leaves on the next timer tick, and timers run in order).
setTimeout(() => preloadPageFor(window.location.pathname));

createRoot(root).render(
  <StrictMode>
    <App trpcClient={trpcClient} queryClient={queryClient} />
  </StrictMode>,
);
