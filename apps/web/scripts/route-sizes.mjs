// `pnpm bench:web`: what each page's first visit downloads, from the build (run `pnpm --filter @baton/web build`
// first). The app's own files (index.html names them) plus the page's (dist/.vite/pages.json, the same list the
// server names in the page it sends), each compressed as the server sends it (brotli) and as gzip.
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
if (!existsSync(`${dist}.vite/pages.json`)) {
  console.error('No build found: run `pnpm --filter @baton/web build` first.');
  process.exit(1);
}
const shell = readFileSync(`${dist}index.html`, 'utf8');
const app = [...shell.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const { pages } = JSON.parse(readFileSync(`${dist}.vite/pages.json`, 'utf8'));
const sized = new Map();
const size = (file) => {
  if (!sized.has(file)) {
    const body = readFileSync(`${dist}${file}`);
    sized.set(file, {
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      gzip: gzipSync(body, { level: 9 }).length,
    });
  }
  return sized.get(file);
};
const kB = (n) => (n / 1024).toFixed(1).padStart(6);
const sum = (files, k) => files.reduce((a, f) => a + size(f)[k], 0);
console.log(
  `The app's own code: ${app.length} files, ${kB(sum(app, 'br'))} kB brotli, ${kB(sum(app, 'gzip'))} kB gzip`,
);
console.log('First visit to each page (the app plus the page), largest first:');
const rows = pages.map((p) => {
  const files = [...app, ...p.scripts.map((s) => s.slice(1))];
  return { path: p.path, files: files.length, br: sum(files, 'br'), gzip: sum(files, 'gzip') };
});
for (const r of rows.sort((a, b) => b.br - a.br))
  console.log(
    `  ${kB(r.br)} kB brotli ${kB(r.gzip)} kB gzip ${String(r.files).padStart(3)} files  ${r.path}`,
  );
