/**
 * Every page of the app: its address (a React Router pattern) and its module under `src/features`, whose
 * export of the same name is the page. The one list: the router builds its routes from it, and the build
 * (vite.config.ts) writes out each address's code files, so the server names them in the page it sends and
 * the browser fetches a page's code alongside the app's, instead of after the app has started.
 * `shell: false` pages stand alone (no header, no sign-in check).
 */
export const PAGES = [
  { path: '/signin', module: 'auth/SignInPage', shell: false },
  { path: '/invite/:token', module: 'auth/AcceptInvitePage', shell: false },
  { path: '/', module: 'programmes/ProgrammePickerPage' },
  { path: '/organisations', module: 'organisations/OrganisationsPage' },
  { path: '/notifications', module: 'notifications/NotificationsPage' },
  { path: '/account/sessions', module: 'account/SessionsPage' },
  { path: '/account/security', module: 'account/SecurityPage' },
  { path: '/admin/sign-in', module: 'account/SignInProvidersPage' },
  { path: '/p/:programmeId', module: 'programmes/ProgrammeOverviewPage' },
  { path: '/p/:programmeId/members', module: 'members/MembersPage' },
  { path: '/p/:programmeId/audit', module: 'audit/AuditPage' },
  { path: '/p/:programmeId/risks', module: 'risks/RiskRegisterPage' },
  { path: '/p/:programmeId/risks/changes', module: 'risks/WhatChangedPage' },
  { path: '/p/:programmeId/risks/:riskId', module: 'risks/RiskDetailPage' },
  { path: '/p/:programmeId/transition', module: 'transition/TransfersPage' },
  { path: '/p/:programmeId/transition/:transferId', module: 'transition/PlanPage' },
  { path: '/p/:programmeId/transition/tasks/:taskId', module: 'transition/TaskDetailPage' },
  { path: '/p/:programmeId/my-tasks', module: 'transition/MyTasksPage' },
  { path: '/p/:programmeId/emails', module: 'notifications/EmailOutboxPage' },
  { path: '/p/:programmeId/workspace', module: 'workspace/WorkspacePage' },
  { path: '/p/:programmeId/progress', module: 'progress/JointProgressPage' },
  { path: '/p/:programmeId/steering', module: 'steering/SteeringPackPage' },
  { path: '/p/:programmeId/raid', module: 'raid/RaidLogPage' },
  { path: '/p/:programmeId/due-diligence', module: 'due-diligence/DueDiligencePage' },
  { path: '/p/:programmeId/gateways', module: 'gateways/GatewaysPage' },
  { path: '/p/:programmeId/gateways/:gatewayId', module: 'gateways/GatewayPage' },
  { path: '/p/:programmeId/meetings', module: 'meetings/MeetingsPage' },
  { path: '/p/:programmeId/meetings/:meetingId', module: 'meetings/MeetingPage' },
  { path: '/p/:programmeId/settings', module: 'settings/SettingsPage' },
] as const satisfies ReadonlyArray<{ path: string; module: string; shell?: false }>;

export type TPage = (typeof PAGES)[number];
