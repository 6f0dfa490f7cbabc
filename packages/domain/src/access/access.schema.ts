import { z } from 'zod';

export const MEMBERSHIP_ROLES = [
  'programme_admin',
  'steering_group_member',
  'transition_lead',
  'provider_contributor',
  'executive_viewer',
] as const;
export const ZMembershipRole = z.enum(MEMBERSHIP_ROLES);
export type TMembershipRole = z.infer<typeof ZMembershipRole>;

export const MEMBERSHIP_ROLE_LABELS: Record<TMembershipRole, string> = {
  programme_admin: 'Programme admin',
  steering_group_member: 'Steering group member',
  transition_lead: 'Transition lead',
  provider_contributor: 'Provider contributor',
  executive_viewer: 'Executive viewer',
};

export const MEMBERSHIP_ROLE_DESCRIPTIONS: Record<TMembershipRole, string> = {
  programme_admin: 'Manages the programme, its lots, parties and members.',
  steering_group_member: 'Reviews the risk register and readiness at each meeting.',
  transition_lead: 'Runs the handover plan day to day across organisations.',
  provider_contributor: "Updates their own organisation's risks, actions and tasks.",
  executive_viewer: 'Sees joint progress towards go-live; changes nothing.',
};

export const ZEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('Enter an email address like name@example.nhs.uk'));

export const ZPassword = z
  .string()
  .min(12, 'Use at least 12 characters')
  .max(200, 'Use at most 200 characters');

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, 'Enter your password').max(200),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

export const ZInviteInput = z.object({
  programmeId: z.uuid(),
  email: ZEmail,
  name: z.string().trim().min(2, 'Enter their full name').max(120),
  organisationId: z.uuid(),
  role: ZMembershipRole,
});
export type TInviteInput = z.infer<typeof ZInviteInput>;

export const ZAcceptInviteInput = z.object({
  token: z.string().min(20).max(200),
  password: ZPassword,
});
export type TAcceptInviteInput = z.infer<typeof ZAcceptInviteInput>;

export const ZChangeMemberRoleInput = z.object({
  programmeId: z.uuid(),
  membershipId: z.uuid(),
  role: ZMembershipRole,
  version: z.number().int().positive(),
});
export type TChangeMemberRoleInput = z.infer<typeof ZChangeMemberRoleInput>;
