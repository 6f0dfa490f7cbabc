import { can } from './access.rules';
import type { TMembershipRole } from './access.schema';

/*
 * Baton shaped to each role: the pages a member's navigation offers, and the one they land on, answering
 * the question they come with. Pages left out are ones the role cannot use or that hold nothing for it (a
 * bidder has no transfers, meetings or joint progress to see); the server refuses or hides regardless.
 */

export const APP_PAGES = [
  'overview',
  'risks',
  'raid',
  'dueDiligence',
  'gateways',
  'steering',
  'meetings',
  'transition',
  'workspace',
  'myTasks',
  'progress',
  'members',
  'audit',
  'emails',
  'settings',
] as const;
export type TAppPage = (typeof APP_PAGES)[number];

/** Each page's path under /p/<programme>. */
export const APP_PAGE_PATHS: Record<TAppPage, string> = {
  overview: '',
  risks: '/risks',
  raid: '/raid',
  dueDiligence: '/due-diligence',
  gateways: '/gateways',
  steering: '/steering',
  meetings: '/meetings',
  transition: '/transition',
  workspace: '/workspace',
  myTasks: '/my-tasks',
  progress: '/progress',
  members: '/members',
  audit: '/audit',
  emails: '/emails',
  settings: '/settings',
};

/** What decides a member's pages: their role and whether their organisation is only a bidder here. */
export interface TPageAudience {
  role: TMembershipRole;
  /** The member's organisation is only a bidder in this programme: it sees its own rows and nobody else's. */
  isolated: boolean;
}

export function pagesFor({ role, isolated }: TPageAudience): TAppPage[] {
  const pages = new Set<TAppPage>(APP_PAGES);
  if (!can(role, 'members.manage')) pages.delete('emails');
  if (!can(role, 'programme.update')) pages.delete('settings');
  if (isolated) {
    // A bidder during a procurement: its own register and the programme's people and history.
    for (const p of ['steering', 'meetings', 'transition', 'workspace', 'myTasks', 'progress'] as const)
      pages.delete(p);
    return APP_PAGES.filter((p) => pages.has(p));
  }
  if (role === 'executive_viewer') {
    // Reads the programme's position; owns no tasks and runs no handover.
    pages.delete('workspace');
    pages.delete('myTasks');
  }
  if (role === 'steering_group_member') pages.delete('workspace');
  return APP_PAGES.filter((p) => pages.has(p));
}

export function landingPageFor({ role, isolated }: TPageAudience): TAppPage {
  if (isolated) return 'risks';
  switch (role) {
    case 'programme_admin':
      return 'overview';
    case 'steering_group_member':
      return 'steering';
    case 'transition_lead':
    case 'provider_contributor':
      return 'workspace';
    case 'executive_viewer':
      return 'progress';
  }
}

/** The path a member lands on in a programme. */
export const landingPathFor = (programmeId: string, audience: TPageAudience) =>
  `/p/${programmeId}${APP_PAGE_PATHS[landingPageFor(audience)]}`;
