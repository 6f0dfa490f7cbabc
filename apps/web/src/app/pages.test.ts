import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { matchPath } from 'react-router';
import { describe, expect, it } from 'vitest';
import { PAGES } from './pages';

/* The page list is what the router routes and what the build names for the server: it must be the whole truth. */
const features = join(__dirname, '../features');

describe('the page list', () => {
  it('names a module that exports the page under its own name, for every page', () => {
    for (const p of PAGES) {
      const name = p.module.split('/').pop()!;
      const source = readFileSync(join(features, `${p.module}.tsx`), 'utf8');
      expect(source, p.module).toMatch(new RegExp(`export (function|const) ${name}\\b`));
    }
  });

  it('lists every page module once (an unlisted *Page.tsx would be built but never reachable)', () => {
    const onDisk = readdirSync(features, { recursive: true, encoding: 'utf8' })
      .filter((f) => /(^|[\\/])[A-Za-z]+Page\.tsx$/.test(f))
      .map((f) => f.replace(/\\/g, '/').replace(/\.tsx$/, ''))
      .sort();
    const listed = PAGES.map((p) => p.module as string).sort();
    expect(listed).toEqual(onDisk);
    expect(new Set(PAGES.map((p) => p.path)).size).toBe(PAGES.length);
  });

  it('puts a fixed address before a parameter in the same place, so the first match is the page shown', () => {
    // The server and the code preloader take the first pattern that matches; React Router ranks them.
    const firstMatch = (pathname: string) => PAGES.find((p) => matchPath(p.path, pathname))?.module;
    expect(firstMatch('/p/abc/risks/changes')).toBe('risks/WhatChangedPage');
    expect(firstMatch('/p/abc/risks/0f1e')).toBe('risks/RiskDetailPage');
    expect(firstMatch('/p/abc/transition/tasks/9')).toBe('transition/TaskDetailPage');
    for (const [i, p] of PAGES.entries()) {
      const example = p.path.replace(/:[A-Za-z]+/g, 'x1');
      const earlier = PAGES.slice(0, i).find((q) => matchPath(q.path, example));
      expect(earlier?.path, `${p.path} is hidden by an earlier pattern`).toBeUndefined();
    }
  });
});
