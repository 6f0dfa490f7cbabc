import { z } from 'zod';
import { ZVersion, zLine } from '../shared/zod';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_TOO_LONG,
  PASSWORD_TOO_SHORT,
} from './password-policy';

/* The password rule beyond length (strength, against the person's own details) lives in password-policy. */
export {
  loadPasswordProblems,
  passwordProblems,
  passwordProblemsWith,
  personalWords,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PASSWORD_MIN_SCORE,
  type TPasswordEstimate,
  type TPasswordEstimator,
  type TPasswordProblems,
} from './password-policy';

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

/**
 * A new password's length. Strength depends on who the password is for, so it is checked where the person is
 * known: `passwordProblems(password, [email, name, ...])` on the server wherever a password is set.
 */
export const ZPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH, PASSWORD_TOO_SHORT)
  .max(PASSWORD_MAX_LENGTH, PASSWORD_TOO_LONG);

export const ZSignInInput = z.object({
  email: ZEmail,
  password: z.string().min(1, 'Enter your password').max(200),
});
export type TSignInInput = z.infer<typeof ZSignInInput>;

export const ZInviteInput = z.object({
  programmeId: z.uuid(),
  email: ZEmail,
  name: zLine({ min: 2, max: 120, tooShort: 'Enter their full name' }),
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
  version: ZVersion,
});
export type TChangeMemberRoleInput = z.infer<typeof ZChangeMemberRoleInput>;
