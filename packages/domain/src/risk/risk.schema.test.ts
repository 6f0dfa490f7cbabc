import { describe, expect, it } from 'vitest';
import { ZUpdateActionInput, ZUpdateRiskInput } from './risk.schema';

const ids = { programmeId: crypto.randomUUID(), riskId: crypto.randomUUID(), version: 3 };

describe('partial edits', () => {
  it('a risk edit that sends only the title leaves every other field undefined (unchanged), not defaulted', () => {
    const parsed = ZUpdateRiskInput.parse({ ...ids, title: 'New title' });
    expect(parsed).toEqual({ ...ids, title: 'New title' });
  });
  it('an action edit that sends only the status keeps evidence, completion and task link', () => {
    const parsed = ZUpdateActionInput.parse({
      programmeId: ids.programmeId,
      actionId: crypto.randomUUID(),
      version: 1,
      status: 'done',
    });
    expect(Object.keys(parsed).sort()).toEqual(['actionId', 'programmeId', 'status', 'version']);
  });
  it('still validates the fields that are sent', () => {
    expect(ZUpdateRiskInput.safeParse({ ...ids, title: 'x' }).success).toBe(false);
  });
});
