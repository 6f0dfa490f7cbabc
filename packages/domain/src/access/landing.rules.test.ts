import { describe, expect, it } from 'vitest';
import { landingPageFor, landingPathFor, pagesFor } from './landing.rules';

describe('Baton shaped to each role', () => {
  it.each([
    ['programme_admin', false, 'overview'],
    ['steering_group_member', false, 'steering'],
    ['transition_lead', false, 'workspace'],
    ['provider_contributor', false, 'workspace'],
    ['executive_viewer', false, 'progress'],
    ['provider_contributor', true, 'risks'],
    ['programme_admin', true, 'risks'],
  ] as const)('%s (bidder only: %s) lands on %s', (role, isolated, page) => {
    expect(landingPageFor({ role, isolated })).toBe(page);
    expect(pagesFor({ role, isolated })).toContain(page);
  });

  it('a bidder is offered no steering pack, meetings, plans or joint progress; due diligence and its gateway outcomes it is', () => {
    expect(pagesFor({ role: 'provider_contributor', isolated: true })).toEqual([
      'overview',
      'risks',
      'raid',
      'dueDiligence',
      'gateways',
      'members',
      'audit',
    ]);
  });

  it('only those who manage members see the email outbox; the viewer has no task pages', () => {
    expect(pagesFor({ role: 'programme_admin', isolated: false })).toContain('emails');
    expect(pagesFor({ role: 'programme_admin', isolated: false })).toContain('settings');
    expect(pagesFor({ role: 'transition_lead', isolated: false })).not.toContain('settings');
    expect(pagesFor({ role: 'transition_lead', isolated: false })).not.toContain('emails');
    const viewer = pagesFor({ role: 'executive_viewer', isolated: false });
    expect(viewer).not.toContain('workspace');
    expect(viewer).not.toContain('myTasks');
    expect(viewer).toContain('progress');
  });

  it('the landing path is under the programme', () => {
    expect(landingPathFor('p1', { role: 'executive_viewer', isolated: false })).toBe('/p/p1/progress');
    expect(landingPathFor('p1', { role: 'programme_admin', isolated: false })).toBe('/p/p1');
  });
});
