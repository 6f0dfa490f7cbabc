import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PAGES } from './src/app/pages';

const apiTarget = process.env.BATON_API_URL ?? 'http://127.0.0.1:3000';

/**
 * Writes `.vite/pages.json`: for each page's address, the code and style files it needs beyond the app's own
 * (which index.html already names). The server adds them to the page it sends for that address as
 * `modulepreload` and `preload` links, so the browser fetches a page's code alongside the app's instead of
 * discovering it only once the app has downloaded and started.
 */
function pageFiles(): Plugin {
  return {
    name: 'baton-page-files',
    apply: 'build',
    // After writing: Vite drops the empty chunks of CSS-only modules late, and a page must not name a file
    // that was never written.
    writeBundle(options, bundle) {
      const outDir = options.dir ?? resolve(import.meta.dirname, 'dist');
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (fileName: string, into = new Set<string>()) => {
        if (into.has(fileName)) return into;
        into.add(fileName);
        for (const dep of byFile.get(fileName)?.imports ?? []) closure(dep, into);
        return into;
      };
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) throw new Error('The build has no entry chunk');
      const upFront = closure(entry.fileName);
      const features = resolve(import.meta.dirname, 'src/features');
      const written = (f: string) => existsSync(join(outDir, f));
      const pages = PAGES.map((p) => {
        const file = `${features}/${p.module}.tsx`;
        const chunk = chunks.find((c) => c.facadeModuleId === file);
        if (!chunk) throw new Error(`No chunk for the page ${p.path} (${file})`);
        const own = [...closure(chunk.fileName)].filter((f) => !upFront.has(f));
        const styles = new Set(own.flatMap((f) => [...(byFile.get(f)?.viteMetadata?.importedCss ?? [])]));
        return {
          path: p.path,
          scripts: own.filter(written).map((f) => `/${f}`),
          styles: [...styles].map((f) => `/${f}`),
        };
      });
      mkdirSync(join(outDir, '.vite'), { recursive: true });
      writeFileSync(join(outDir, '.vite', 'pages.json'), JSON.stringify({ pages }, null, 1));
    },
  };
}

export default defineConfig({
  plugins: [react(), pageFiles()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/trpc': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget },
      '/export': { target: apiTarget },
    },
  },
  preview: { port: 4173 },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
