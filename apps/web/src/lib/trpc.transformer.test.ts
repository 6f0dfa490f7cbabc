import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { transformer } from './trpc';

describe('the client’s reading of an answer', () => {
  it('restores what superjson wrote (dates, undefined) in the parsed object itself, without a copy', () => {
    const sent = {
      items: [{ id: 'a', updatedAt: new Date('2026-11-23T10:00:00Z'), owner: undefined }],
      total: 1,
    };
    const parsed = JSON.parse(JSON.stringify(superjson.serialize(sent))) as Parameters<
      typeof transformer.deserialize
    >[0];
    const read = transformer.deserialize(parsed) as typeof sent;
    expect(read).toEqual(sent);
    expect(read.items[0]!.updatedAt).toBeInstanceOf(Date);
    expect('owner' in read.items[0]!).toBe(true);
    expect(read).toBe(parsed.json);
  });
});
