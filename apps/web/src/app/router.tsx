import { lazy, Suspense, type ReactNode } from 'react';
import { PageErrorBoundary } from './PageErrorBoundary';
import { Route, Routes } from 'react-router';
import { FullPageLoader, PageSkeleton } from '../components/QueryStates';
import { RequireAuth } from '../features/auth/RequireAuth';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';

// Each page is its own chunk: the sign-in page doesn't download the programme screens, and vice versa.
const SignInPage = lazy(() => import('../features/auth/SignInPage').then((m) => ({ default: m.SignInPage })));
const AcceptInvitePage = lazy(() =>
  import('../features/auth/AcceptInvitePage').then((m) => ({ default: m.AcceptInvitePage })),
);
const ProgrammePickerPage = lazy(() =>
  import('../features/programmes/ProgrammePickerPage').then((m) => ({ default: m.ProgrammePickerPage })),
);
const ProgrammeOverviewPage = lazy(() =>
  import('../features/programmes/ProgrammeOverviewPage').then((m) => ({ default: m.ProgrammeOverviewPage })),
);
const MembersPage = lazy(() =>
  import('../features/members/MembersPage').then((m) => ({ default: m.MembersPage })),
);
const AuditPage = lazy(() => import('../features/audit/AuditPage').then((m) => ({ default: m.AuditPage })));
const RiskRegisterPage = lazy(() =>
  import('../features/risks/RiskRegisterPage').then((m) => ({ default: m.RiskRegisterPage })),
);
const RiskDetailPage = lazy(() =>
  import('../features/risks/RiskDetailPage').then((m) => ({ default: m.RiskDetailPage })),
);
const WhatChangedPage = lazy(() =>
  import('../features/risks/WhatChangedPage').then((m) => ({ default: m.WhatChangedPage })),
);
const TransfersPage = lazy(() =>
  import('../features/transition/TransfersPage').then((m) => ({ default: m.TransfersPage })),
);
const PlanPage = lazy(() => import('../features/transition/PlanPage').then((m) => ({ default: m.PlanPage })));
const TaskDetailPage = lazy(() =>
  import('../features/transition/TaskDetailPage').then((m) => ({ default: m.TaskDetailPage })),
);
const MyTasksPage = lazy(() =>
  import('../features/transition/MyTasksPage').then((m) => ({ default: m.MyTasksPage })),
);
const WorkspacePage = lazy(() =>
  import('../features/workspace/WorkspacePage').then((m) => ({ default: m.WorkspacePage })),
);
const JointProgressPage = lazy(() =>
  import('../features/progress/JointProgressPage').then((m) => ({ default: m.JointProgressPage })),
);
const OrganisationsPage = lazy(() =>
  import('../features/organisations/OrganisationsPage').then((m) => ({ default: m.OrganisationsPage })),
);
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage').then((m) => ({ default: m.NotificationsPage })),
);
const RaidLogPage = lazy(() =>
  import('../features/raid/RaidLogPage').then((m) => ({ default: m.RaidLogPage })),
);
const DueDiligencePage = lazy(() =>
  import('../features/due-diligence/DueDiligencePage').then((m) => ({ default: m.DueDiligencePage })),
);
const GatewaysPage = lazy(() =>
  import('../features/gateways/GatewaysPage').then((m) => ({ default: m.GatewaysPage })),
);
const GatewayPage = lazy(() =>
  import('../features/gateways/GatewayPage').then((m) => ({ default: m.GatewayPage })),
);
const SessionsPage = lazy(() =>
  import('../features/account/SessionsPage').then((m) => ({ default: m.SessionsPage })),
);
const SecurityPage = lazy(() =>
  import('../features/account/SecurityPage').then((m) => ({ default: m.SecurityPage })),
);
const SignInProvidersPage = lazy(() =>
  import('../features/account/SignInProvidersPage').then((m) => ({ default: m.SignInProvidersPage })),
);
const EmailOutboxPage = lazy(() =>
  import('../features/notifications/EmailOutboxPage').then((m) => ({ default: m.EmailOutboxPage })),
);
const SteeringPackPage = lazy(() =>
  import('../features/steering/SteeringPackPage').then((m) => ({ default: m.SteeringPackPage })),
);
const MeetingsPage = lazy(() =>
  import('../features/meetings/MeetingsPage').then((m) => ({ default: m.MeetingsPage })),
);
const MeetingPage = lazy(() =>
  import('../features/meetings/MeetingPage').then((m) => ({ default: m.MeetingPage })),
);
const SettingsPage = lazy(() =>
  import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
);

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
