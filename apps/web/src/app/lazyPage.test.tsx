import { Suspense, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { lazyPage } from './lazyPage';

function RegisterPage() {
  return <h1>Risk register</h1>;
}

const inSuspense = (C: ComponentType) =>
  renderToString(
    <Suspense fallback={<p>Loading</p>}>
      <C />
    </Suspense>,
  );

describe('a lazily loaded page', () => {
  it('renders in the first pass once its code has been preloaded (no skeleton, no Suspense throttle)', async () => {
    const Page = lazyPage(async () => ({ RegisterPage }), 'RegisterPage');
    await Page.load();
    expect(inSuspense(Page)).toContain('Risk register');
  });

  it('shows the fallback while its code is still on the way, then the page', async () => {
    let arrive!: () => void;
    const arrived = new Promise<void>((r) => (arrive = r));
    const Page = lazyPage(() => arrived.then(() => ({ RegisterPage })), 'RegisterPage');
    expect(inSuspense(Page)).toContain('Loading');
    arrive();
    await new Promise((r) => setTimeout(r)); // the promise React was given settles
    expect(inSuspense(Page)).toContain('Risk register');
  });

  it('names the export a module lacks', async () => {
    const Page = lazyPage(async () => ({ Other: RegisterPage }), 'RegisterPage');
    await expect(Page.load()).rejects.toThrow('exports no RegisterPage');
  });
});
