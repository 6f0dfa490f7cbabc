import { describe, expect, it } from 'vitest';
import { changedMeetingFields, emptyMeeting, memberSuggestions, validateMeeting } from './meetingForm';

describe('meeting form', () => {
  it('asks for a title and a date, in the API’s words', () => {
    const errors = validateMeeting(emptyMeeting(null));
    expect(errors.title).toBe('Give the meeting a title');
    expect(errors.heldOn).toBe('Choose the date of the meeting');
    expect(validateMeeting({ ...emptyMeeting('2026-12-06'), title: 'Steering group' })).toEqual({});
  });

  it('refuses a blank decision, next to that decision', () => {
    const errors = validateMeeting({
      ...emptyMeeting('2026-12-06'),
      title: 'Steering group',
      decisions: ['Approved', ''],
    });
    expect(Object.keys(errors)).toEqual(['decisions.1']);
  });

  it('sends only what changed', () => {
    const before = { ...emptyMeeting('2026-12-06'), title: 'Steering group', attendees: ['A'] };
    expect(changedMeetingFields(before, { ...before, attendees: ['A', 'B'], notes: 'Quorate' })).toEqual({
      attendees: ['A', 'B'],
      notes: 'Quorate',
    });
    expect(changedMeetingFields(before, { ...before })).toEqual({});
  });

  it('suggests each member once, with their organisation, in order', () => {
    const m = (name: string, shortName: string) => ({ name, organisation: { shortName } }) as never;
    expect(
      memberSuggestions([m('Tom Okafor', 'SV ICB'), m('Helen Marsh', 'SV ICB'), m('Tom Okafor', 'SV ICB')]),
    ).toEqual(['Helen Marsh (SV ICB)', 'Tom Okafor (SV ICB)']);
  });
});
