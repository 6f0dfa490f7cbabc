import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { z } from 'zod';

/*
 * The page a browser gets for any address of the app (index.html), naming the code of the page at that address.
 * A single-page app otherwise learns which page it is on only once its own code has downloaded and run, and then
 * starts on the page's code: two trips one after the other. The build writes each page's files
 * (`.vite/pages.json`, see apps/web/vite.config.ts); here each address gets `modulepreload` links for them, so
 * the browser fetches the app's and the page's code together.
 */

const pagesFile = z.object({
  pages: z.array(z.object({ path: z.string(), scripts: z.array(z.string()), styles: z.array(z.string()) })),
});
type TPageFiles = z.infer<typeof pagesFile>['pages'][number];

export interface TShellVariant {
  html: string;
  etag: string;
  br: Buffer;
  gzip: Buffer;
}

/** Whether `pathname` is an address of `pattern` (React Router's `:name` segments; no wildcards). */
export function matchesPattern(pattern: string, pathname: string): boolean {
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  if (want.length !== got.length) return false;
  return want.every((seg, i) => seg.startsWith(':') || seg === got[i]);
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function variant(html: string): TShellVariant {
  const body = Buffer.from(html);
  return {
    html,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
    br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
    gzip: gzipSync(body, { level: 9 }),
  };
}

/**
 * Reads the built shell once and returns the variant for an address: with its page's files named (the first
 * page in the build's list whose pattern matches, the router's own order), or the bare shell. Variants are
 * made on first use and kept: one per page.
 */
export function loadWebShell(webDist: string): (pathname: string) => TShellVariant {
  const shell = readFileSync(join(webDist, 'index.html'), 'utf8');
  const listed = join(webDist, '.vite', 'pages.json');
  const pages: TPageFiles[] = existsSync(listed)
    ? pagesFile.parse(JSON.parse(readFileSync(listed, 'utf8'))).pages
    : [];
  const bare = variant(shell);
  const made = new Map<TPageFiles, TShellVariant>();
  const forPage = (page: TPageFiles) => {
    let v = made.get(page);
    if (!v) {
      const links = [
        ...page.scripts.map((href) => `<link rel="modulepreload" crossorigin href="${attr(href)}">`),
        ...page.styles.map((href) => `<link rel="preload" as="style" crossorigin href="${attr(href)}">`),
      ].join('\n    ');
      v =
        links && shell.includes('</head>')
          ? variant(shell.replace('</head>', `  ${links}\n  </head>`))
          : bare;
      made.set(page, v);
    }
    return v;
  };
  return (pathname) => {
    const page = pages.find((p) => matchesPattern(p.path, pathname));
    return page ? forPage(page) : bare;
  };
}
