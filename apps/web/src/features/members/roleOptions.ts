import { MEMBERSHIP_ROLE_LABELS, MEMBERSHIP_ROLES } from '@baton/domain';

/** Every membership role as a select option, in the order of `MEMBERSHIP_ROLES`. */
export const ROLE_OPTIONS = MEMBERSHIP_ROLES.map((r) => ({ value: r, label: MEMBERSHIP_ROLE_LABELS[r] }));
