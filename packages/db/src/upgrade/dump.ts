/*
 * Turns `pg_dump --inserts` output into SQL that PGlite and PostgreSQL both run through one multi-statement
 * exec: no psql meta-commands (\restrict), no session settings (SET ...; the emptied search_path would outlive
 * the restore in PGlite's single session, and every name in the dump is schema-qualified anyway), no comments
 * or blank lines, and `CREATE SCHEMA public` made idempotent (a fresh database already has it).
 *
 * Lines are only dropped between statements' tokens, never inside a string, quoted identifier or dollar-quoted
 * body, so a multi-line value (an email body with blank lines, say) is kept byte for byte.
 */
export function cleanDump(dump: string): string {
  const out: string[] = [];
  let mode: 'none' | 'quote' | 'ident' | 'dollar' = 'none';
  let tag = '';
  for (const line of dump.split('\n')) {
    if (mode === 'none') {
      const trimmed = line.trim();
      if (
        trimmed === '' ||
        trimmed.startsWith('--') ||
        /^\\(un)?restrict\b/.test(trimmed) ||
        /^SET \w+ = .*;$/.test(trimmed) ||
        /^SELECT pg_catalog\.set_config\('search_path', '', false\);$/.test(trimmed)
      ) {
        continue;
      }
      out.push(trimmed === 'CREATE SCHEMA public;' ? 'CREATE SCHEMA IF NOT EXISTS public;' : line);
    } else {
      out.push(line);
    }
    // Where the line leaves us: inside a string, an identifier or a dollar-quoted body, or not.
    for (let i = 0; i < line.length; i++) {
      const c = line[i]!;
      if (mode === 'quote') {
        if (c === "'") {
          if (line[i + 1] === "'") i++;
          else mode = 'none';
        }
      } else if (mode === 'ident') {
        if (c === '"') {
          if (line[i + 1] === '"') i++;
          else mode = 'none';
        }
      } else if (mode === 'dollar') {
        const end = line.indexOf(tag, i);
        if (end < 0) break;
        i = end + tag.length - 1;
        mode = 'none';
      } else if (c === "'") {
        mode = 'quote';
      } else if (c === '"') {
        mode = 'ident';
      } else if (c === '-' && line[i + 1] === '-') {
        break;
      } else if (c === '$') {
        const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(line.slice(i));
        if (m) {
          tag = m[0];
          mode = 'dollar';
          i += tag.length - 1;
        }
      }
    }
  }
  if (mode !== 'none') throw new Error(`The dump ends inside a ${mode === 'dollar' ? tag : mode} literal`);
  return `${out.join('\n')}\n`;
}
