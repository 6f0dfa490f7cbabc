import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { PageErrorBoundary } from './PageErrorBoundary';
import { matchPath, Route, Routes } from 'react-router';
import { FullPageLoader, PageSkeleton } from '../components/QueryStates';
import { RequireAuth } from '../features/auth/RequireAuth';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';

/** A page's code: fetched when the page first renders, or earlier by `preloadPageFor`. */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  return Object.assign(
    lazy(() => load().then((C) => ({ default: C }))),
    { load },
  );
}

// Each page is its own chunk: the sign-in page doesn't download the programme screens, and vice versa.
const SignInPage = lazyPage(() => import('../features/auth/SignInPage').then((m) => m.SignInPage));
const AcceptInvitePage = lazyPage(() =>
  import('../features/auth/AcceptInvitePage').then((m) => m.AcceptInvitePage),
);
const ProgrammePickerPage = lazyPage(() =>
  import('../features/programmes/ProgrammePickerPage').then((m) => m.ProgrammePickerPage),
);
const ProgrammeOverviewPage = lazyPage(() =>
  import('../features/programmes/ProgrammeOverviewPage').then((m) => m.ProgrammeOverviewPage),
);
const MembersPage = lazyPage(() => import('../features/members/MembersPage').then((m) => m.MembersPage));
const AuditPage = lazyPage(() => import('../features/audit/AuditPage').then((m) => m.AuditPage));
const RiskRegisterPage = lazyPage(() =>
  import('../features/risks/RiskRegisterPage').then((m) => m.RiskRegisterPage),
);
const RiskDetailPage = lazyPage(() =>
  import('../features/risks/RiskDetailPage').then((m) => m.RiskDetailPage),
);
const WhatChangedPage = lazyPage(() =>
  import('../features/risks/WhatChangedPage').then((m) => m.WhatChangedPage),
);
const TransfersPage = lazyPage(() =>
  import('../features/transition/TransfersPage').then((m) => m.TransfersPage),
);
const PlanPage = lazyPage(() => import('../features/transition/PlanPage').then((m) => m.PlanPage));
const TaskDetailPage = lazyPage(() =>
  import('../features/transition/TaskDetailPage').then((m) => m.TaskDetailPage),
);
const MyTasksPage = lazyPage(() => import('../features/transition/MyTasksPage').then((m) => m.MyTasksPage));
const WorkspacePage = lazyPage(() =>
  import('../features/workspace/WorkspacePage').then((m) => m.WorkspacePage),
);
const JointProgressPage = lazyPage(() =>
  import('../features/progress/JointProgressPage').then((m) => m.JointProgressPage),
);
const OrganisationsPage = lazyPage(() =>
  import('../features/organisations/OrganisationsPage').then((m) => m.OrganisationsPage),
);
const NotificationsPage = lazyPage(() =>
  import('../features/notifications/NotificationsPage').then((m) => m.NotificationsPage),
);
const RaidLogPage = lazyPage(() => import('../features/raid/RaidLogPage').then((m) => m.RaidLogPage));
const DueDiligencePage = lazyPage(() =>
  import('../features/due-diligence/DueDiligencePage').then((m) => m.DueDiligencePage),
);
const GatewaysPage = lazyPage(() => import('../features/gateways/GatewaysPage').then((m) => m.GatewaysPage));
const GatewayPage = lazyPage(() => import('../features/gateways/GatewayPage').then((m) => m.GatewayPage));
const SessionsPage = lazyPage(() => import('../features/account/SessionsPage').then((m) => m.SessionsPage));
const SecurityPage = lazyPage(() => import('../features/account/SecurityPage').then((m) => m.SecurityPage));
const SignInProvidersPage = lazyPage(() =>
  import('../features/account/SignInProvidersPage').then((m) => m.SignInProvidersPage),
);
const EmailOutboxPage = lazyPage(() =>
  import('../features/notifications/EmailOutboxPage').then((m) => m.EmailOutboxPage),
);
const SteeringPackPage = lazyPage(() =>
  import('../features/steering/SteeringPackPage').then((m) => m.SteeringPackPage),
);
const MeetingsPage = lazyPage(() => import('../features/meetings/MeetingsPage').then((m) => m.MeetingsPage));
const MeetingPage = lazyPage(() => import('../features/meetings/MeetingPage').then((m) => m.MeetingPage));
const SettingsPage = lazyPage(() => import('../features/settings/SettingsPage').then((m) => m.SettingsPage));

const page = (element: ReactNode) => (
  <PageErrorBoundary>
    <Suspense fallback={<PageSkeleton />}>{element}</Suspense>
  </PageErrorBoundary>
);
const bare = (element: ReactNode) => (
  <PageErrorBoundary>
    <Suspense fallback={<FullPageLoader />}>{element}</Suspense>
  </PageErrorBoundary>
);

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={bare(<SignInPage />)} />
      <Route path="/invite/:token" element={bare(<AcceptInvitePage />)} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={page(<ProgrammePickerPage />)} />
        <Route path="/organisations" element={page(<OrganisationsPage />)} />
        <Route path="/notifications" element={page(<NotificationsPage />)} />
        <Route path="/account/sessions" element={page(<SessionsPage />)} />
        <Route path="/account/security" element={page(<SecurityPage />)} />
        <Route path="/admin/sign-in" element={page(<SignInProvidersPage />)} />
        <Route path="/p/:programmeId" element={page(<ProgrammeOverviewPage />)} />
        <Route path="/p/:programmeId/members" element={page(<MembersPage />)} />
        <Route path="/p/:programmeId/audit" element={page(<AuditPage />)} />
        <Route path="/p/:programmeId/risks" element={page(<RiskRegisterPage />)} />
        <Route path="/p/:programmeId/risks/changes" element={page(<WhatChangedPage />)} />
        <Route path="/p/:programmeId/risks/:riskId" element={page(<RiskDetailPage />)} />
        <Route path="/p/:programmeId/transition" element={page(<TransfersPage />)} />
        <Route path="/p/:programmeId/transition/:transferId" element={page(<PlanPage />)} />
        <Route path="/p/:programmeId/transition/tasks/:taskId" element={page(<TaskDetailPage />)} />
        <Route path="/p/:programmeId/my-tasks" element={page(<MyTasksPage />)} />
        <Route path="/p/:programmeId/emails" element={page(<EmailOutboxPage />)} />
        <Route path="/p/:programmeId/workspace" element={page(<WorkspacePage />)} />
        <Route path="/p/:programmeId/progress" element={page(<JointProgressPage />)} />
        <Route path="/p/:programmeId/steering" element={page(<SteeringPackPage />)} />
        <Route path="/p/:programmeId/raid" element={page(<RaidLogPage />)} />
        <Route path="/p/:programmeId/due-diligence" element={page(<DueDiligencePage />)} />
        <Route path="/p/:programmeId/gateways" element={page(<GatewaysPage />)} />
        <Route path="/p/:programmeId/gateways/:gatewayId" element={page(<GatewayPage />)} />
        <Route path="/p/:programmeId/meetings" element={page(<MeetingsPage />)} />
        <Route path="/p/:programmeId/meetings/:meetingId" element={page(<MeetingPage />)} />
        <Route path="/p/:programmeId/settings" element={page(<SettingsPage />)} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Each page's path, for starting its code before the app has checked who is signed in. */
const PAGE_PATHS: Array<[string, { load: () => Promise<unknown> }]> = [
  ['/signin', SignInPage],
  ['/invite/:token', AcceptInvitePage],
  ['/', ProgrammePickerPage],
  ['/organisations', OrganisationsPage],
  ['/notifications', NotificationsPage],
  ['/account/sessions', SessionsPage],
  ['/account/security', SecurityPage],
  ['/admin/sign-in', SignInProvidersPage],
  ['/p/:programmeId', ProgrammeOverviewPage],
  ['/p/:programmeId/members', MembersPage],
  ['/p/:programmeId/audit', AuditPage],
  ['/p/:programmeId/risks', RiskRegisterPage],
  ['/p/:programmeId/risks/changes', WhatChangedPage],
  ['/p/:programmeId/risks/:riskId', RiskDetailPage],
  ['/p/:programmeId/transition', TransfersPage],
  ['/p/:programmeId/transition/:transferId', PlanPage],
  ['/p/:programmeId/transition/tasks/:taskId', TaskDetailPage],
  ['/p/:programmeId/my-tasks', MyTasksPage],
  ['/p/:programmeId/emails', EmailOutboxPage],
  ['/p/:programmeId/workspace', WorkspacePage],
  ['/p/:programmeId/progress', JointProgressPage],
  ['/p/:programmeId/steering', SteeringPackPage],
  ['/p/:programmeId/raid', RaidLogPage],
  ['/p/:programmeId/due-diligence', DueDiligencePage],
  ['/p/:programmeId/gateways', GatewaysPage],
  ['/p/:programmeId/gateways/:gatewayId', GatewayPage],
  ['/p/:programmeId/meetings', MeetingsPage],
  ['/p/:programmeId/meetings/:meetingId', MeetingPage],
  ['/p/:programmeId/settings', SettingsPage],
];

/**
 * Starts fetching the code of the page at `pathname` now, alongside the session check, instead of after it.
 * A failure is left to the page's own load, which explains it (see PageErrorBoundary).
 */
export function preloadPageFor(pathname: string): void {
  const hit = PAGE_PATHS.find(([path]) => matchPath(path, pathname));
  if (hit) void hit[1].load().catch(() => {});
}
