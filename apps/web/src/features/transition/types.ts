import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@baton/api';

type Api = TRPCOptionsProxy<AppRouter>;
type Transition = Api['transition'];

/** Shapes of what the transition API returns, named once for the components that take them as props. */
export type TransferSummary = inferOutput<Transition['transfers']>[number];
export type Readiness = TransferSummary['readiness'];
export type WorkstreamReadiness = Readiness['workstreams'][number];
export type Commencement = TransferSummary['commencement'];
export type Plan = inferOutput<Transition['plan']>;
export type PlanTask = Plan['tasks'][number];
export type PlanDependency = Plan['dependencies'][number];
export type PlanMilestone = Plan['milestones'][number];
export type Transfer = Plan['transfer'];
export type TaskDetail = inferOutput<Transition['task']>;
export type TaskAuditEvent = TaskDetail['audit'][number];
export type MyTask = inferOutput<Transition['myTasks']>[number];
export type UpdateTaskInput = inferInput<Transition['updateTask']>;
export type CreateTaskInput = inferInput<Transition['createTask']>;

type RegistersApi = Api['registers'];
export type Registers = inferOutput<RegistersApi['list']>;
export type StaffGroup = Registers['staffGroups'][number];
export type Site = Registers['sites'][number];
export type System = Registers['systems'][number];
export type UpdateStaffGroupInput = inferInput<RegistersApi['updateStaffGroup']>;
export type UpdateSiteInput = inferInput<RegistersApi['updateSite']>;
export type UpdateSystemInput = inferInput<RegistersApi['updateSystem']>;

type PlanImportApi = Api['planImport'];
export type PlanImportRead = inferOutput<PlanImportApi['read']>;
export type PlanImportMapping = PlanImportRead['suggestedMapping'];
export type PlanImportPreview = inferOutput<PlanImportApi['preview']>;
export type PlanImportResult = inferOutput<PlanImportApi['commit']>;
