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
const pageCode = new Promise<void>((resolve) =>
  setTimeout(() => void preloadPageFor(window.location.pathname).then(resolve)),
);

// The first render waits for the page's code (the shell names its files, so they are usually here already, and
// a failure is the page's own to explain), for at most a second. Rendered before it, the page suspends: React
// shows its skeleton and then holds the page back up to 300 ms (Suspense reveals are throttled), which measured
// 0.2 s of a first visit to the meetings page, idle after everything had arrived.
const FIRST_RENDER_WAITS_MS = 1000;
void Promise.race([pageCode, new Promise((r) => setTimeout(r, FIRST_RENDER_WAITS_MS))]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App trpcClient={trpcClient} queryClient={queryClient} />
    </StrictMode>,
  ),
);
