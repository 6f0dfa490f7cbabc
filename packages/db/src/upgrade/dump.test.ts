import { describe, expect, it } from 'vitest';
import { cleanDump } from './dump';

describe('cleanDump', () => {
  it('drops session settings, comments, blank lines and psql meta-commands between statements', () => {
    const dump = [
      '\\restrict abc123',
      '-- Dumped from database version 15.20',
      'SET statement_timeout = 0;',
      "SELECT pg_catalog.set_config('search_path', '', false);",
      '',
      'CREATE SCHEMA public;',
      'SET default_table_access_method = heap;',
      'CREATE TABLE public.t (id integer NOT NULL, body text);',
      '\\unrestrict abc123',
      '',
    ].join('\n');
    expect(cleanDump(dump)).toBe(
      'CREATE SCHEMA IF NOT EXISTS public;\nCREATE TABLE public.t (id integer NOT NULL, body text);\n',
    );
  });

  it('keeps every line inside a string, a quoted name or a dollar-quoted body as it is', () => {
    const dump = [
      "INSERT INTO public.t VALUES (1, 'Hello,",
      '',
      '-- not a comment',
      'SET this = is data;',
      "it''s kept'), (2, '');",
      'CREATE TABLE public."odd ""name"" ;" (x text);',
      'CREATE FUNCTION public.f() RETURNS trigger LANGUAGE plpgsql AS $body$',
      'begin',
      '',
      "  -- don't drop me",
      'end $body$;',
    ].join('\n');
    expect(cleanDump(dump)).toBe(`${dump}\n`);
  });

  it('refuses a dump that ends inside a string', () => {
    expect(() => cleanDump("INSERT INTO t VALUES ('open")).toThrow(/ends inside a quote literal/);
  });
});
