import { Route, Routes } from 'react-router';
import { AcceptInvitePage } from '../features/auth/AcceptInvitePage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { SignInPage } from '../features/auth/SignInPage';
import { AuditPage } from '../features/audit/AuditPage';
import { MembersPage } from '../features/members/MembersPage';
import { OrganisationsPage } from '../features/organisations/OrganisationsPage';
import { ProgrammeOverviewPage } from '../features/programmes/ProgrammeOverviewPage';
import { ProgrammePickerPage } from '../features/programmes/ProgrammePickerPage';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route path="/invite/:token" element={<AcceptInvitePage />} />
      <Route
        element={
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        }
      >
        <Route index element={<ProgrammePickerPage />} />
        <Route path="/organisations" element={<OrganisationsPage />} />
        <Route path="/p/:programmeId" element={<ProgrammeOverviewPage />} />
        <Route path="/p/:programmeId/members" element={<MembersPage />} />
        <Route path="/p/:programmeId/audit" element={<AuditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
