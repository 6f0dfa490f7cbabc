import type { TCapability } from '@baton/domain';
import type { TRows } from './access-world';

/*
 * THE ACCESS TABLE: one entry for every tRPC procedure and every file download. The generated access test
 * (src/access/access.generated.test.ts) fails when a procedure or a download has no entry here, so a new one
 * cannot ship without saying who may call it and how to try it against another party's rows.
 *
 * Each entry says:
 * - scope: `programme` (needs a membership with `capability`), `user` (anyone signed in) or `public`;
 * - effect: `write` (changes programme data: every refusal must change nothing), `read`, or `personal` (changes
 *   only the caller's own state, such as their notifications, so anyone signed in may do it);
 * - inputs(self, target): named inputs. Keys starting `target:` act on a row the target party owns (or, for a
 *   create, make one owned by it); keys starting `name:` change the caller's own row so that it names the
 *   target's organisation, person or row. The test swaps the target's ids for unused ids to prove that a row
 *   the caller may not see answers exactly as a row that does not exist.
 */

export interface TAccessEntry {
  scope: 'programme' | 'user' | 'public';
  capability?: TCapability;
  effect: 'write' | 'read' | 'personal';
  /** Tables a refused call may still write by design (a failed sign-in is recorded). */
  mayWrite?: string[];
  inputs(self: TRows, target: TRows): Record<string, unknown>;
}

export interface TDownloadEntry {
  capability: TCapability;
  inputs(
    self: TRows,
    target: TRows,
  ): Record<string, { params: Record<string, string>; query: Record<string, string> }>;
}

const A = { consequence: 3, likelihood: 3 };
/** A version nobody has: an admin allowed to close or delete gets a conflict instead of doing it mid-test. */
const STALE = 2_147_483_647;
const P = (r: TRows) => ({ programmeId: r.programmeId });

const riskFields = (r: TRows, owner: TRows) => ({
  ...P(r),
  title: 'New risk',
  event: 'Something might happen',
  categoryKey: 'workforce_tupe',
  ownerUserId: owner.userId,
  owningOrganisationId: owner.organisationId,
  initial: A,
  current: A,
  target: A,
});

const taskFields = (r: TRows, transfer: TRows, owner: TRows) => ({
  ...P(r),
  transferId: transfer.transferId,
  title: 'New task',
  workstream: 'workforce_tupe',
  owningOrganisationId: owner.organisationId,
  assigneeUserId: owner.userId,
  startDate: '2026-12-01',
  dueDate: '2026-12-10',
});

/** A one-task plan file as the plan import reads it, owned through its resource by `owner`. */
const planImport = (r: TRows, transfer: TRows, owner: TRows) => ({
  ...P(r),
  transferId: transfer.transferId,
  file: {
    format: 'mspdi',
    fileName: 'plan.xml',
    title: 'Plan',
    tasks: [
      {
        key: '1',
        label: 'Task 1',
        batonId: null,
        title: 'Imported task',
        group: 'Workforce and TUPE',
        kind: null,
        start: '2026-12-01',
        finish: '2026-12-10',
        percentComplete: 0,
        actualStart: null,
        actualFinish: null,
        status: null,
        resources: ['Owner'],
        notes: '',
        conditionPrecedent: null,
      },
    ],
    links: [],
    resources: [{ name: 'Owner', email: null, group: null }],
    notes: [],
  },
  mapping: {
    resources: { Owner: { organisationId: owner.organisationId, userId: owner.userId } },
    groups: {},
    defaultOrganisationId: owner.organisationId,
    defaultWorkstream: 'workforce_tupe',
  },
});

const MSPDI_ONE_TASK = Buffer.from(
  '<?xml version="1.0"?><Project xmlns="http://schemas.microsoft.com/project"><Tasks><Task><UID>1</UID><ID>1</ID><Name>Task</Name><Start>2026-12-01T08:00:00</Start><Finish>2026-12-02T17:00:00</Finish></Task></Tasks></Project>',
).toString('base64');

const staffGroup = (transfer: TRows, outgoing: string, incoming: string) => ({
  ...P(transfer),
  transferId: transfer.transferId,
  outgoingEmployerId: outgoing,
  incomingEmployerId: incoming,
  service: 'Podiatry',
  headcount: 3,
  wte: 2.5,
});

const system = (transfer: TRows, before: string, after: string) => ({
  ...P(transfer),
  transferId: transfer.transferId,
  name: 'EMIS',
  supplier: 'EMIS Health',
  systemType: 'clinical_record',
  dataControllerBeforeId: before,
  dataControllerAfterId: after,
  migrationMethod: 'extract_and_load',
});

const site = (transfer: TRows) => ({
  ...P(transfer),
  transferId: transfer.transferId,
  name: 'New base',
  address: '2 Hill Road',
  landlordType: 'private',
  tenure: 'licence',
  route: 'licence',
});

const transferFields = (r: TRows, outgoing: string, incoming: string) => ({
  ...P(r),
  name: 'Another transfer',
  lotId: r.lotId,
  outgoingOrganisationId: outgoing,
  incomingOrganisationId: incoming,
  plannedTransferDate: '2027-06-01',
});

/** A one-row RAID log file (CSV) whose item is owned by `owner`'s organisation. */
const raidFile = (owner: TRows) => ({
  fileName: 'raid.csv',
  contentBase64: Buffer.from(
    `Type,Title,Organisation\nIssue,Imported issue,${owner.organisationShortName}\n`,
  ).toString('base64'),
});

const meetingFields = (r: TRows) => ({ ...P(r), title: 'Extra meeting', heldOn: '2026-11-25' });

const programmeFields = (r: TRows) => ({
  programmeId: r.programmeId,
  name: 'Renamed programme',
  code: 'RENAMED',
  description: '',
  procurementRoute: 'competitive_dialogue',
  stage: 'transition',
  contractValueGbp: null,
  contractTermMonths: null,
  expectedServiceCommencement: '2027-04-01',
  intentionToAwardDate: null,
  contractAwardDate: null,
  longstopDate: null,
  version: 1,
});

const importRow = (r: TRows, owner: TRows) => ({
  ...P(r),
  headers: ['Title', 'Event', 'Category', 'Organisation', 'Owner', 'C', 'L'],
  mapping: {
    title: 0,
    event: 1,
    category: 2,
    organisation: 3,
    owner: 4,
    initialC: 5,
    initialL: 6,
    currentC: 5,
    currentL: 6,
    targetC: 5,
    targetL: 6,
  },
  rows: [
    [
      'Imported risk',
      'Something happens',
      'Workforce and TUPE',
      owner.organisationShortName,
      owner.email,
      '3',
      '3',
    ],
  ],
  firstRowNumber: 2,
});

export const ACCESS_TABLE: Record<string, TAccessEntry> = {
  /* ---------- sign-in ---------- */
  'auth.me': { scope: 'public', effect: 'read', inputs: () => ({ 'target:me': undefined }) },
  'auth.signIn': {
    scope: 'public',
    effect: 'personal',
    mayWrite: ['login_attempts'],
    inputs: (_s, t) => ({ 'target:wrong password': { email: t.email, password: 'not the password' } }),
  },
  'auth.signOut': { scope: 'public', effect: 'personal', inputs: () => ({ 'target:sign out': undefined }) },
  'auth.inviteDetails': {
    scope: 'public',
    effect: 'read',
    inputs: () => ({ 'target:unknown token': { token: 'x'.repeat(43) } }),
  },
  'auth.acceptInvite': {
    scope: 'public',
    effect: 'write',
    inputs: () => ({
      'target:unknown token': { token: 'x'.repeat(43), password: 'a long and unusual passphrase 42' },
    }),
  },

  'auth.signInSecondFactor': {
    scope: 'public',
    effect: 'personal',
    mayWrite: ['login_attempts', 'sign_in_challenges'],
    inputs: () => ({ 'target:unknown challenge': { challenge: 'x'.repeat(43), code: '123456' } }),
  },
  'auth.ssoOptions': {
    scope: 'public',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:their email': { email: t.email } }),
  },
  'auth.secondFactor': { scope: 'user', effect: 'read', inputs: () => ({ 'target:mine': undefined }) },
  'auth.beginTotp': { scope: 'user', effect: 'personal', inputs: () => ({ 'target:mine': undefined }) },
  'auth.confirmTotp': {
    scope: 'user',
    effect: 'personal',
    inputs: () => ({ 'target:mine': { code: '123456' } }),
  },
  'auth.disableTotp': {
    scope: 'user',
    effect: 'personal',
    inputs: () => ({ 'target:mine': { code: '123456' } }),
  },
  'auth.newRecoveryCodes': {
    scope: 'user',
    effect: 'personal',
    inputs: () => ({ 'target:mine': { code: '123456' } }),
  },

  /* ---------- sign-in providers (system administrators only) ---------- */
  'sso.providers': { scope: 'user', effect: 'read', inputs: () => ({ 'target:list': undefined }) },
  'sso.saveProvider': {
    scope: 'user',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:their organisation': {
        organisationId: t.organisationId,
        displayName: 'Their sign-in',
        issuer: 'https://login.example.com/tenant/v2.0',
        clientId: 'baton',
        emailDomains: ['their-domain.example'],
        requireSso: true,
        enabled: true,
      },
    }),
  },
  'sso.removeProvider': {
    scope: 'user',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:any': { id: t.organisationId, version: 1 } }),
  },
  'sso.checkProvider': {
    scope: 'user',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:any': { id: t.organisationId } }),
  },

  /* ---------- programme, lots, parties, organisations ---------- */
  'programme.list': { scope: 'user', effect: 'read', inputs: () => ({ 'target:list': undefined }) },
  'programme.overview': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:overview': P(t) }),
  },
  'programme.create': {
    scope: 'user',
    effect: 'write',
    inputs: () => ({
      'target:create': {
        name: 'Another programme',
        code: 'ANOTHER',
        procurementRoute: 'competitive_dialogue',
        stage: 'planning',
        expectedServiceCommencement: '2028-04-01',
      },
    }),
  },
  'programme.update': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:update': programmeFields(t) }),
  },
  'programme.updateSecurity': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:security': { ...P(t), version: 1, requireSecondFactor: false } }),
  },
  'programme.updateGovernance': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:governance': {
        ...P(t),
        version: 1,
        governanceGroupName: 'Joint transition board',
        protectiveMarking: 'OFFICIAL',
      },
    }),
  },
  'programme.close': {
    scope: 'programme',
    capability: 'programme.records',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:close': { ...P(t), version: STALE, retainUntil: '2032-12-01', reason: 'Transition complete' },
    }),
  },
  'programme.reopen': {
    scope: 'programme',
    capability: 'programme.records',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:reopen': { ...P(t), version: STALE } }),
  },
  'programme.requestDeletion': {
    scope: 'programme',
    capability: 'programme.records',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:ask': { ...P(t), version: STALE, confirmCode: 'TVTT' } }),
  },
  'programme.withdrawDeletion': {
    scope: 'programme',
    capability: 'programme.records',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:withdraw': { ...P(t), version: STALE } }),
  },
  'programme.confirmDeletion': {
    scope: 'user',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:confirm': { ...P(t), version: STALE, confirmCode: 'TVTT' } }),
  },
  'lot.create': {
    scope: 'programme',
    capability: 'lots.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:create': { ...P(t), code: 'L9', name: 'New lot', services: '', annualValueGbp: null },
    }),
  },
  'lot.update': {
    scope: 'programme',
    capability: 'lots.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:update': {
        ...P(t),
        lotId: t.lotId,
        version: t.lotVersion,
        code: 'L9',
        name: 'Renamed lot',
        services: '',
        annualValueGbp: null,
      },
    }),
  },
  'lot.remove': {
    scope: 'programme',
    capability: 'lots.manage',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:remove': { ...P(t), lotId: t.lotId, version: t.lotVersion } }),
  },
  'party.add': {
    scope: 'programme',
    capability: 'parties.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:add': { ...P(t), organisationId: t.organisationId, role: 'partner', lotId: null },
    }),
  },
  'party.remove': {
    scope: 'programme',
    capability: 'parties.manage',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:remove': { ...P(t), partyId: t.partyId } }),
  },
  'organisation.list': { scope: 'user', effect: 'read', inputs: () => ({ 'target:list': undefined }) },
  'organisation.create': {
    scope: 'user',
    effect: 'write',
    inputs: () => ({
      'target:create': { name: 'Brand New Trust', shortName: 'Brand New', kind: 'nhs_trust' },
    }),
  },
  'organisation.update': {
    scope: 'user',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:update': {
        organisationId: t.organisationId,
        name: 'Renamed organisation',
        shortName: 'Renamed',
        kind: 'independent_provider',
        version: 1,
      },
    }),
  },

  /* ---------- members and the audit trail ---------- */
  'member.list': {
    scope: 'programme',
    capability: 'members.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:list': P(t) }),
  },
  'member.invite': {
    scope: 'programme',
    capability: 'members.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:invite': {
        ...P(t),
        email: 'new.person@test.example',
        name: 'New Person',
        organisationId: t.organisationId,
        role: 'provider_contributor',
      },
    }),
  },
  'member.reissueInvite': {
    scope: 'programme',
    capability: 'members.manage',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:reissue': { ...P(t), membershipId: t.membershipId } }),
  },
  'member.changeRole': {
    scope: 'programme',
    capability: 'members.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:change': {
        ...P(t),
        membershipId: t.membershipId,
        role: 'executive_viewer',
        version: t.membershipVersion,
      },
    }),
  },
  'member.endSessions': {
    scope: 'programme',
    capability: 'members.manage',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:sign out': { ...P(t), membershipId: t.membershipId } }),
  },
  'member.remove': {
    scope: 'programme',
    capability: 'members.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:remove': { ...P(t), membershipId: t.membershipId, version: t.membershipVersion },
    }),
  },
  'audit.list': {
    scope: 'programme',
    capability: 'audit.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:all events': { ...P(t), limit: 100 },
      'target:risk events': { ...P(t), limit: 100, entityType: 'risk' },
      'target:transfer events': { ...P(t), limit: 100, entityType: 'transfer' },
      'target:meeting events': { ...P(t), limit: 100, entityType: 'meeting' },
    }),
  },

  /* ---------- the risk register ---------- */
  'risk.matrix': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:matrix': P(t) }),
  },
  'risk.updateMatrix': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:update': { ...P(t), matrix: DEFAULT_MATRIX_FOR_TESTS, version: 0 } }),
  },
  'risk.list': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:register': { ...P(t), limit: 200 },
      'target:by owner': { ...P(t), filter: { ownerUserIds: [t.userId] } },
      'target:by organisation': { ...P(t), filter: { organisationIds: [t.organisationId] } },
      'target:search': { ...P(t), filter: { search: 'Risk' } },
    }),
  },
  'risk.heatMap': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:heat map': { ...P(t) },
      'target:by organisation': { ...P(t), filter: { organisationIds: [t.organisationId] } },
    }),
  },
  'risk.get': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (s, t) => ({
      'target:risk': { ...P(t), riskId: t.riskId },
      'name:own risk': { ...P(s), riskId: s.riskId },
    }),
  },
  'risk.whatChanged': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:changes': { ...P(t), from: '2026-01-01', to: '2026-11-23' } }),
  },
  'risk.create': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:owned by target': riskFields(t, t),
      'name:owner from target': { ...riskFields(s, s), ownerUserId: t.userId },
      'name:affects target': { ...riskFields(s, s), affectedOrganisationIds: [t.organisationId] },
    }),
  },
  'risk.update': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:retitle': { ...P(t), riskId: t.riskId, version: t.riskVersion, title: 'Renamed' },
      'name:give to target': {
        ...P(s),
        riskId: s.riskId,
        version: s.riskVersion,
        owningOrganisationId: t.organisationId,
      },
      'name:owner from target': { ...P(s), riskId: s.riskId, version: s.riskVersion, ownerUserId: t.userId },
      'name:affects target': {
        ...P(s),
        riskId: s.riskId,
        version: s.riskVersion,
        affectedOrganisationIds: [t.organisationId],
      },
    }),
  },
  'risk.review': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:review': { ...P(t), riskId: t.riskId, version: t.riskVersion, current: A, note: 'Reviewed' },
    }),
  },
  'risk.bulkUpdate': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:close': {
        ...P(t),
        risks: [{ riskId: t.riskId, version: t.riskVersion }],
        patch: { status: 'closed' },
      },
      'name:owner from target': {
        ...P(s),
        risks: [{ riskId: s.riskId, version: s.riskVersion }],
        patch: { ownerUserId: t.userId },
      },
    }),
  },
  'risk.setTransferLinks': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:relink': { ...P(t), riskId: t.riskId, transferIds: [] },
      'name:link to target transfer': {
        ...P(s),
        riskId: s.riskId,
        transferIds: [s.transferId, t.transferId],
      },
    }),
  },
  'risk.setTaskImpact': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:target risk': { ...P(t), riskId: t.riskId, taskId: t.taskId, impactDays: 10 },
      'name:own risk delays target task': { ...P(s), riskId: s.riskId, taskId: t.taskId, impactDays: 10 },
    }),
  },
  'risk.addAction': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => {
      const action = (r: TRows, riskId: string) => ({
        ...P(r),
        riskId,
        description: 'Another action',
        ownerUserId: r.userId,
        organisationId: r.organisationId,
        dueDate: '2026-12-15',
      });
      return {
        'target:on target risk': action(t, t.riskId),
        'name:target organisation': { ...action(s, s.riskId), organisationId: t.organisationId },
        'name:owner from target': { ...action(s, s.riskId), ownerUserId: t.userId },
        'name:delivered by target task': { ...action(s, s.riskId), taskId: t.taskId },
      };
    },
  },
  'risk.updateAction': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:complete': { ...P(t), actionId: t.actionId, version: t.actionVersion, status: 'done' },
      'name:target organisation': {
        ...P(s),
        actionId: s.actionId,
        version: s.actionVersion,
        organisationId: t.organisationId,
      },
      'name:owner from target': {
        ...P(s),
        actionId: s.actionId,
        version: s.actionVersion,
        ownerUserId: t.userId,
      },
      'name:delivered by target task': {
        ...P(s),
        actionId: s.actionId,
        version: s.actionVersion,
        taskId: t.taskId,
      },
    }),
  },

  /* ---------- importing a register ---------- */
  'riskIo.parse': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:parse': {
        ...P(t),
        fileName: 'register.csv',
        contentBase64: Buffer.from('Title,Event\nA risk,Something happens\n').toString('base64'),
      },
    }),
  },
  'riskIo.preview': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'read',
    inputs: (s, t) => ({
      'target:owned by target': importRow(t, t),
      'name:target in own import': importRow(s, t),
    }),
  },
  'riskIo.commit': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:owned by target': { ...importRow(t, t), versions: {} },
      'name:target in own import': { ...importRow(s, t), versions: {} },
    }),
  },

  /* ---------- importing a plan (Microsoft Project XML or Excel) ---------- */
  'planImport.read': {
    scope: 'programme',
    capability: 'items.editAny',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:read': {
        ...P(t),
        transferId: t.transferId,
        fileName: 'plan.xml',
        contentBase64: MSPDI_ONE_TASK,
      },
    }),
  },
  'planImport.preview': {
    scope: 'programme',
    capability: 'items.editAny',
    effect: 'read',
    inputs: (s, t) => ({
      'target:into target transfer': planImport(t, t, t),
      'name:target in own plan': planImport(s, s, t),
    }),
  },
  'planImport.commit': {
    scope: 'programme',
    capability: 'items.editAny',
    effect: 'write',
    inputs: (s, t) => ({
      'target:into target transfer': { ...planImport(t, t, t), fingerprint: '0'.repeat(32) },
      'name:target in own plan': { ...planImport(s, s, t), fingerprint: '0'.repeat(32) },
    }),
  },

  /* ---------- transition plans ---------- */
  'transition.transfers': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:transfers': P(t) }),
  },
  'transition.createTransfer': {
    scope: 'programme',
    capability: 'items.editAny',
    effect: 'write',
    inputs: (s, t) => ({
      'target:to target': { ...transferFields(t, s.organisationId, t.organisationId), applyTemplate: false },
    }),
  },
  'transition.updateTransfer': {
    scope: 'programme',
    capability: 'items.editAny',
    effect: 'write',
    inputs: (s, t) => ({
      'target:rename': {
        ...transferFields(t, s.organisationId, t.organisationId),
        transferId: t.transferId,
        version: t.transferVersion,
      },
    }),
  },
  'transition.plan': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (s, t) => ({
      'target:plan': { ...P(t), transferId: t.transferId },
      'name:own plan': { ...P(s), transferId: s.transferId },
    }),
  },
  'transition.assessConfidence': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:assess': {
        ...P(t),
        transferId: t.transferId,
        rating: 'amber',
        rationale: 'Significant issues remain',
      },
    }),
  },
  'transition.confidence': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:history': { ...P(t), transferId: t.transferId } }),
  },
  'transition.goLiveConfidence': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:confidence': { ...P(t), transferId: t.transferId } }),
  },
  'transition.baselines': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:baselines': P(t) }),
  },
  'transition.setBaseline': {
    scope: 'programme',
    capability: 'items.editAny',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:baseline': { ...P(t), name: 'Before the board' } }),
  },
  'transition.task': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (s, t) => ({
      'target:task': { ...P(t), taskId: t.taskId },
      'name:own task': { ...P(s), taskId: s.taskId },
    }),
  },
  'transition.taskOptions': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:options': P(t) }),
  },
  'transition.myTasks': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:mine': { ...P(t), scope: 'mine' },
      'target:organisation': { ...P(t), scope: 'organisation' },
    }),
  },
  'transition.createTask': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:in target transfer': taskFields(t, t, t),
      'name:owned by target': taskFields(s, s, t),
      'name:assigned to target': { ...taskFields(s, s, s), assigneeUserId: t.userId },
    }),
  },
  'transition.updateTask': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:done': { ...P(t), taskId: t.taskId, version: t.taskVersion, status: 'done' },
      'name:assigned to target': {
        ...P(s),
        taskId: s.taskId,
        version: s.taskVersion,
        assigneeUserId: t.userId,
      },
      'name:given to target': {
        ...P(s),
        taskId: s.taskId,
        version: s.taskVersion,
        owningOrganisationId: t.organisationId,
      },
    }),
  },
  'transition.addDependency': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:between target tasks': { ...P(t), predecessorId: t.otherTaskId, successorId: t.taskId },
      'name:waits for target task': { ...P(s), predecessorId: t.taskId, successorId: s.taskId },
    }),
  },
  'transition.removeDependency': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:remove': { ...P(t), dependencyId: t.dependencyId } }),
  },
  'transition.readinessRules': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:rules': P(t) }),
  },
  'transition.updateReadinessSettings': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:settings': {
        ...P(t),
        version: STALE,
        settings: { warningDays: 14, marginWarningDays: 14, escalatedRisk: 'red' },
      },
    }),
  },
  'transition.programmeDates': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:dates': P(t) }),
  },

  /* ---------- registers ---------- */
  'registers.list': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (s, t) => ({
      'target:registers': { ...P(t), transferId: t.transferId },
      'name:own registers': { ...P(s), transferId: s.transferId },
    }),
  },
  'registers.createStaffGroup': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:in target transfer': staffGroup(t, t.organisationId, t.organisationId),
      'name:target as employer': staffGroup(s, s.organisationId, t.organisationId),
    }),
  },
  'registers.updateStaffGroup': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:update': { ...P(t), staffGroupId: t.staffGroupId, version: t.registerVersion, headcount: 99 },
      'name:target as employer': {
        ...P(s),
        staffGroupId: s.staffGroupId,
        version: s.registerVersion,
        incomingEmployerId: t.organisationId,
      },
    }),
  },
  'registers.removeStaffGroup': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:remove': { ...P(t), staffGroupId: t.staffGroupId, version: t.registerVersion },
    }),
  },
  'registers.createSite': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:in target transfer': site(t) }),
  },
  'registers.updateSite': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:update': { ...P(t), siteId: t.siteId, version: t.registerVersion, name: 'Moved' },
    }),
  },
  'registers.removeSite': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:remove': { ...P(t), siteId: t.siteId, version: t.registerVersion } }),
  },
  'registers.createSystem': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:in target transfer': system(t, t.organisationId, t.organisationId),
      'name:target as controller': system(s, s.organisationId, t.organisationId),
    }),
  },
  'registers.updateSystem': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:update': { ...P(t), systemId: t.systemId, version: t.registerVersion, name: 'Renamed' },
      'name:target as controller': {
        ...P(s),
        systemId: s.systemId,
        version: s.registerVersion,
        dataControllerAfterId: t.organisationId,
      },
    }),
  },
  'registers.removeSystem': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:remove': { ...P(t), systemId: t.systemId, version: t.registerVersion } }),
  },
  'registers.linkTask': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:target task': { ...P(t), taskId: t.taskId, version: t.taskVersion, siteId: t.siteId },
      'name:own task to target site': { ...P(s), taskId: s.taskId, version: s.taskVersion, siteId: t.siteId },
    }),
  },

  /* ---------- notifications ---------- */
  'notification.list': { scope: 'user', effect: 'read', inputs: () => ({ 'target:mine': {} }) },
  'notification.unreadCount': {
    scope: 'user',
    effect: 'read',
    inputs: () => ({ 'target:count': undefined }),
  },
  'auth.sessions': { scope: 'user', effect: 'read', inputs: () => ({ 'target:mine': undefined }) },
  'auth.signInAttempts': { scope: 'user', effect: 'read', inputs: () => ({ 'target:mine': undefined }) },
  'auth.endSession': {
    scope: 'user',
    effect: 'write',
    inputs: (_s, t) => ({ "target:someone else's": { sessionId: t.sessionId } }),
  },
  'auth.endOtherSessions': {
    scope: 'user',
    effect: 'personal',
    inputs: () => ({ 'target:mine': undefined }),
  },
  'notification.markRead': {
    scope: 'user',
    effect: 'write',
    inputs: (_s, t) => ({ "target:someone else's": { ids: [t.notificationId] } }),
  },
  'notification.markAllRead': {
    scope: 'user',
    effect: 'personal',
    inputs: () => ({ 'target:all': undefined }),
  },
  'notification.preferences': { scope: 'user', effect: 'read', inputs: () => ({ 'target:mine': undefined }) },
  'notification.setPreferences': {
    scope: 'user',
    effect: 'personal',
    inputs: () => ({ 'target:mine': { emailNotifications: true } }),
  },
  /* ---------- calendar feed links (each member's own) ---------- */
  'calendar.feed': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:my link in the target programme': P(t) }),
  },
  'calendar.createFeed': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'personal',
    inputs: (_s, t) => ({ 'target:a link in the target programme': P(t) }),
  },
  'calendar.revokeFeed': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'personal',
    inputs: (_s, t) => ({ 'target:my link in the target programme': P(t) }),
  },
  'notification.outbox': {
    scope: 'programme',
    capability: 'members.manage',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:outbox': { ...P(t) } }),
  },

  /* ---------- the steering group ---------- */
  'steering.pack': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:today': P(t),
      'target:since the start': { ...P(t), since: '2026-01-01' },
    }),
  },
  'meeting.list': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:meetings': P(t) }),
  },
  'meeting.get': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:meeting': { ...P(t), meetingId: t.meetingId } }),
  },
  'meeting.create': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:create': meetingFields(t) }),
  },
  'meeting.update': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:minutes': { ...P(t), meetingId: t.meetingId, version: t.meetingVersion, notes: 'Changed' },
    }),
  },
  'meeting.remove': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:remove': { ...P(t), meetingId: t.meetingId, version: t.meetingVersion } }),
  },
  'meeting.freeze': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:freeze': { ...P(t), meetingId: t.meetingId } }),
  },
  'meeting.snapshot': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:frozen pack': { ...P(t), meetingId: t.meetingId } }),
  },
  'meeting.recommendations': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:recommendations': { ...P(t), meetingId: t.meetingId } }),
  },
  'meeting.recordOutcome': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:outcome': {
        ...P(t),
        meetingId: t.meetingId,
        key: `goNoGo:${t.taskId}`,
        outcome: 'deferred',
        note: 'Deferred',
      },
    }),
  },
  'meeting.compare': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:comparison': { ...P(t), meetingId: t.meetingId } }),
  },

  /* ---------- the RAID log ---------- */
  'raid.list': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:log': P(t),
      'target:open actions': { ...P(t), kind: 'action', state: 'open' },
    }),
  },
  'raid.get': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:item': { ...P(t), raidId: t.raidId } }),
  },
  'raid.create': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => {
      const item = (r: TRows) => ({
        ...P(r),
        kind: 'issue',
        title: 'New issue',
        owningOrganisationId: r.organisationId,
      });
      return {
        'target:create': item(t),
        'name:owner from target': { ...item(s), ownerUserId: t.userId },
        'name:risk of target': { ...item(s), riskId: t.riskId },
        'name:meeting': { ...item(s), kind: 'decision', status: 'agreed', meetingId: t.meetingId },
      };
    },
  },
  'raid.update': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => {
      const own = { ...P(s), raidId: s.raidId, version: s.raidVersion };
      return {
        'target:retitle': { ...P(t), raidId: t.raidId, version: t.raidVersion, title: 'Renamed' },
        'name:give to target': { ...own, owningOrganisationId: t.organisationId },
        'name:owner from target': { ...own, ownerUserId: t.userId },
        'name:risk of target': { ...own, riskId: t.riskId },
      };
    },
  },
  'raid.importPreview': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'read',
    inputs: (s, t) => ({
      'target:preview': { ...P(t), ...raidFile(t) },
      'name:organisation of target': { ...P(s), ...raidFile(t) },
    }),
  },
  'raid.importCommit': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => ({
      'target:import': { ...P(t), ...raidFile(t) },
      'name:organisation of target': { ...P(s), ...raidFile(t) },
    }),
  },
  'raid.raiseIssue': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:materialise': { ...P(t), riskId: t.riskId, version: t.riskVersion } }),
  },

  /* ---------- the programme timeline ---------- */
  'stage.timeline': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:timeline': P(t) }),
  },
  'stage.applyTemplate': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:replace': { ...P(t), replace: true } }),
  },
  'stage.update': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:dates': { ...P(t), stageId: t.stageId, version: t.stageVersion, plannedEnd: '2027-12-31' },
    }),
  },
  'stage.add': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:add': { ...P(t), label: 'Extra stage', plannedStart: '2026-12-01', plannedEnd: '2026-12-10' },
    }),
  },
  'stage.raiseRisk': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:raise a risk': { ...P(t), stageId: t.stageId, version: t.stageVersion } }),
  },
  'stage.remove': {
    scope: 'programme',
    capability: 'programme.update',
    effect: 'write',
    inputs: (_s, t) => ({ 'target:remove': { ...P(t), stageId: t.stageId, version: t.stageVersion } }),
  },

  /* ---------- due diligence requests, clarifications and documents ---------- */
  'dueDiligence.list': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:requests': P(t),
      'target:overdue': { ...P(t), state: 'overdue' },
      'target:asked of target': { ...P(t), respondingOrganisationId: t.organisationId },
    }),
  },
  'dueDiligence.get': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:request': { ...P(t), requestId: t.ddRequestId } }),
  },
  'dueDiligence.create': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (s, t) => {
      const ask = (r: TRows) => ({
        ...P(r),
        title: 'Staff list',
        category: 'workforce',
        respondingOrganisationId: r.organisationId,
        dueOn: '2026-12-20',
      });
      return {
        'target:ask of target': ask(t),
        'target:ask as target': { ...ask(t), requestingOrganisationId: t.organisationId },
        'name:responder from target': { ...ask(s), responderUserId: t.userId },
      };
    },
  },
  'dueDiligence.update': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:retitle': { ...P(t), requestId: t.ddRequestId, version: t.ddRequestVersion, title: 'Renamed' },
    }),
  },
  'dueDiligence.answer': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:answer': {
        ...P(t),
        requestId: t.ddRequestId,
        version: t.ddRequestVersion,
        answer: 'An answer',
      },
    }),
  },
  'dueDiligence.review': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:accept': { ...P(t), requestId: t.ddRequestId, version: t.ddRequestVersion, outcome: 'accept' },
    }),
  },
  'dueDiligence.chase': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:chase': { ...P(t), requestId: t.ddRequestId, version: t.ddRequestVersion },
    }),
  },
  'dueDiligence.withdraw': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:withdraw': { ...P(t), requestId: t.ddRequestId, version: t.ddRequestVersion },
    }),
  },
  'dueDiligence.release': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:release': { ...P(t), requestId: t.ddRequestId, version: t.ddRequestVersion },
    }),
  },
  'dueDiligence.raiseRisk': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:raise a risk': { ...P(t), requestId: t.ddRequestId, version: t.ddRequestVersion },
    }),
  },
  'dueDiligence.clarifications': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:questions': P(t) }),
  },
  'dueDiligence.askClarification': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:about target request': {
        ...P(t),
        question: 'What is the caseload by locality?',
        requestId: t.ddRequestId,
      },
    }),
  },
  'dueDiligence.answerClarification': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:answer': {
        ...P(t),
        clarificationId: t.clarificationId,
        version: t.clarificationVersion,
        answer: 'An answer',
        publishedQuestion: 'The question, as published',
      },
    }),
  },
  'dueDiligence.publishClarification': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:publish': { ...P(t), clarificationId: t.clarificationId, version: t.clarificationVersion },
    }),
  },
  'dueDiligence.withdrawClarification': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:withdraw': { ...P(t), clarificationId: t.clarificationId, version: t.clarificationVersion },
    }),
  },
  /* ---------- assurance gateways ---------- */
  'gateway.list': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:gateways': P(t) }),
  },
  'gateway.get': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:gateway': { ...P(t), gatewayId: t.gatewayId } }),
  },
  'gateway.create': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (s, t) => {
      const fields = (r: TRows) => ({ ...P(r), name: 'Gateway 1', assessedOrganisationId: r.organisationId });
      return {
        'target:assess target': fields(t),
        'name:target on the panel': { ...fields(s), panelUserIds: [t.userId] },
        'name:target lot': { ...fields(s), lotId: t.lotId },
      };
    },
  },
  'gateway.update': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:rename': {
        ...P(t),
        gatewayId: t.gatewayId,
        version: t.gatewayVersion,
        name: 'Renamed gateway',
        assessedOrganisationId: t.organisationId,
      },
    }),
  },
  'gateway.setCriteria': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:criteria': {
        ...P(t),
        gatewayId: t.gatewayId,
        version: t.gatewayVersion,
        domains: [{ name: 'Governance', criteria: ['Board assurance in place'] }],
      },
    }),
  },
  'gateway.advance': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:to moderation': {
        ...P(t),
        gatewayId: t.gatewayId,
        version: t.gatewayVersion,
        to: 'moderation',
      },
    }),
  },
  'gateway.rate': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:rate': {
        ...P(t),
        gatewayId: t.gatewayId,
        criterionId: t.gatewayCriterionId,
        rating: 'assured',
      },
    }),
  },
  'gateway.moderate': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:agree a domain': {
        ...P(t),
        gatewayId: t.gatewayId,
        target: 'domain',
        targetId: t.gatewayDomainId,
        agreedRating: 'assured',
        reasons: 'Agreed by the panel',
        version: 1,
      },
    }),
  },
  'gateway.addEvidence': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:log evidence': { ...P(t), gatewayId: t.gatewayId, description: 'Board minutes' },
    }),
  },
  'gateway.removeEvidence': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:remove evidence': {
        ...P(t),
        gatewayId: t.gatewayId,
        evidenceId: t.gatewayEvidenceId,
        version: STALE,
      },
    }),
  },
  'gateway.recordRecommendation': {
    scope: 'programme',
    capability: 'meetings.manage',
    effect: 'write',
    inputs: (_s, t) => ({
      'target:decide': {
        ...P(t),
        gatewayId: t.gatewayId,
        version: t.gatewayVersion,
        recommendation: 'progress',
        rationale: 'All domains assured',
        decidedOn: '2026-11-30',
      },
    }),
  },
  'document.list': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:documents': { ...P(t), parentType: 'dd_request', parentId: t.ddRequestId },
      'target:gateway evidence files': {
        ...P(t),
        parentType: 'gateway_evidence',
        parentId: t.gatewayEvidenceId,
      },
    }),
  },
  'document.upload': {
    scope: 'programme',
    capability: 'items.editOwn',
    effect: 'write',
    inputs: (_s, t) => {
      const file = { ...P(t), parentType: 'dd_request', parentId: t.ddRequestId, fileName: 'answer.txt' };
      return {
        'target:attach': { ...file, contentBase64: Buffer.from('An answer').toString('base64') },
        'target:attach to gateway evidence': {
          ...file,
          parentType: 'gateway_evidence',
          parentId: t.gatewayEvidenceId,
          contentBase64: Buffer.from('Board minutes').toString('base64'),
        },
        'target:new version': {
          ...file,
          contentBase64: Buffer.from('A second answer').toString('base64'),
          replaces: { documentId: t.documentId, version: t.documentVersion },
        },
      };
    },
  },

  /* ---------- the lead's workspace and the CEOs' joint progress ---------- */
  'workspace.lead': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({
      'target:mine': { ...P(t), scope: 'mine', horizonDays: 90 },
      'target:organisation': { ...P(t), scope: 'organisation', horizonDays: 90 },
      'target:whole programme': { ...P(t), scope: 'programme', horizonDays: 90 },
    }),
  },
  'progress.joint': {
    scope: 'programme',
    capability: 'programme.read',
    effect: 'read',
    inputs: (_s, t) => ({ 'target:joint progress': P(t) }),
  },
};

/** Every download route, keyed by its path. */
export const DOWNLOAD_TABLE: Record<string, TDownloadEntry> = {
  '/export/programmes/:programmeId/documents/:documentId': {
    capability: 'programme.read',
    inputs: (_s, t) => ({
      'target:document': { params: { ...P(t), documentId: t.documentId }, query: {} },
      'target:first version': { params: { ...P(t), documentId: t.documentId }, query: { version: '1' } },
    }),
  },
  '/export/programmes/:programmeId/raid.xlsx': {
    capability: 'programme.read',
    inputs: (_s, t) => ({ 'target:RAID log': { params: P(t), query: {} } }),
  },
  '/export/programmes/:programmeId/risks.xlsx': {
    capability: 'programme.read',
    inputs: (_s, t) => ({
      'target:register': { params: P(t), query: {} },
      'target:by organisation': {
        params: P(t),
        query: { filter: JSON.stringify({ organisationIds: [t.organisationId] }) },
      },
    }),
  },
  '/export/programmes/:programmeId/risks.csv': {
    capability: 'programme.read',
    inputs: (_s, t) => ({
      'target:register': { params: P(t), query: {} },
      'target:search': { params: P(t), query: { filter: JSON.stringify({ search: 'Risk' }) } },
    }),
  },
  '/export/programmes/:programmeId/steering-pack.pdf': {
    capability: 'programme.read',
    inputs: (_s, t) => ({ 'target:pack': { params: P(t), query: {} } }),
  },
  '/export/programmes/:programmeId/steering-pack.xlsx': {
    capability: 'programme.read',
    inputs: (_s, t) => ({ 'target:pack': { params: P(t), query: { since: '2026-01-01' } } }),
  },
  '/export/programmes/:programmeId/meetings/:meetingId/pack.pdf': {
    capability: 'programme.read',
    inputs: (_s, t) => ({ 'target:frozen': { params: { ...P(t), meetingId: t.meetingId }, query: {} } }),
  },
  '/export/programmes/:programmeId/meetings/:meetingId/pack.xlsx': {
    capability: 'programme.read',
    inputs: (_s, t) => ({ 'target:frozen': { params: { ...P(t), meetingId: t.meetingId }, query: {} } }),
  },
  '/export/programmes/:programmeId/archive.zip': {
    capability: 'programme.records',
    inputs: (_s, t) => ({ 'target:archive': { params: P(t), query: {} } }),
  },
  '/export/programmes/:programmeId/transition-plan.xlsx': {
    capability: 'programme.read',
    inputs: (_s, t) => ({ 'target:plan': { params: P(t), query: {} } }),
  },
  '/export/programmes/:programmeId/transfers/:transferId/plan.xml': {
    capability: 'programme.read',
    inputs: (_s, t) => ({
      'target:project xml': { params: { ...P(t), transferId: t.transferId }, query: {} },
    }),
  },
};

/** Filled in by the test with the programme's real matrix, so an allowed update would be a no-op. */
let DEFAULT_MATRIX_FOR_TESTS: unknown = null;
export function useMatrix(matrix: unknown) {
  DEFAULT_MATRIX_FOR_TESTS = matrix;
}
