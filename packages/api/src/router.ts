import { auditRouter } from './routers/audit/audit.router';
import { authRouter } from './routers/auth/auth.router';
import { lotRouter } from './routers/lot/lot.router';
import { memberRouter } from './routers/member/member.router';
import { organisationRouter } from './routers/organisation/organisation.router';
import { partyRouter } from './routers/party/party.router';
import { programmeRouter } from './routers/programme/programme.router';
import { riskRouter } from './routers/risk/risk.router';
import { transitionRouter } from './routers/transition/transition.router';
import { riskIoRouter } from './routers/risk-io/risk-io.router';
import { registersRouter } from './routers/registers/registers.router';
import { notificationRouter } from './routers/notification/notification.router';
import { steeringRouter } from './routers/steering/steering.router';
import { meetingRouter } from './routers/meeting/meeting.router';
import { workspaceRouter } from './routers/workspace/workspace.router';
import { progressRouter } from './routers/progress/progress.router';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  programme: programmeRouter,
  lot: lotRouter,
  party: partyRouter,
  organisation: organisationRouter,
  member: memberRouter,
  audit: auditRouter,
  risk: riskRouter,
  transition: transitionRouter,
  riskIo: riskIoRouter,
  registers: registersRouter,
  notification: notificationRouter,
  steering: steeringRouter,
  meeting: meetingRouter,
  workspace: workspaceRouter,
  progress: progressRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
