import { auditRouter } from './features/audit/audit.router';
import { authRouter } from './features/auth/auth.router';
import { lotRouter } from './features/lot/lot.router';
import { meetingRouter } from './features/meeting/meeting.router';
import { memberRouter } from './features/member/member.router';
import { notificationRouter } from './features/notification/notification.router';
import { organisationRouter } from './features/organisation/organisation.router';
import { partyRouter } from './features/party/party.router';
import { programmeRouter } from './features/programme/programme.router';
import { progressRouter } from './features/progress/progress.router';
import { registersRouter } from './features/registers/registers.router';
import { calendarRouter } from './features/calendar/calendar.router';
import { planImportRouter } from './features/plan-io/plan-io.router';
import { riskImportRouter } from './features/risk-import/risk-import.router';
import { raidRouter } from './features/raid/raid.router';
import { dueDiligenceRouter } from './features/due-diligence/due-diligence.router';
import { gatewayRouter } from './features/gateway/gateway.router';
import { documentRouter } from './features/document/document.router';
import { stageRouter } from './features/stage/stage.router';
import { riskRouter } from './features/risk/risk.router';
import { ssoRouter } from './features/sso/sso.router';
import { steeringRouter } from './features/steering/steering.router';
import { transitionRouter } from './features/transition/transition.router';
import { workspaceRouter } from './features/workspace/workspace.router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  sso: ssoRouter,
  programme: programmeRouter,
  lot: lotRouter,
  party: partyRouter,
  organisation: organisationRouter,
  member: memberRouter,
  audit: auditRouter,
  risk: riskRouter,
  raid: raidRouter,
  dueDiligence: dueDiligenceRouter,
  gateway: gatewayRouter,
  document: documentRouter,
  stage: stageRouter,
  transition: transitionRouter,
  riskIo: riskImportRouter,
  planImport: planImportRouter,
  calendar: calendarRouter,
  registers: registersRouter,
  notification: notificationRouter,
  steering: steeringRouter,
  meeting: meetingRouter,
  workspace: workspaceRouter,
  progress: progressRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
