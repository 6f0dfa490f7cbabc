import { z } from 'zod';
import { ZVersion, zLine } from '../shared/zod';

export const ORGANISATION_KINDS = [
  'commissioner',
  'nhs_trust',
  'nhs_foundation_trust',
  'social_enterprise',
  'gp_federation',
  'local_authority',
  'independent_provider',
  'vcse',
  'nhs_england',
] as const;
export const ZOrganisationKind = z.enum(ORGANISATION_KINDS);
export type TOrganisationKind = z.infer<typeof ZOrganisationKind>;

export const ORGANISATION_KIND_LABELS: Record<TOrganisationKind, string> = {
  commissioner: 'Commissioner (ICB)',
  nhs_trust: 'NHS trust',
  nhs_foundation_trust: 'NHS foundation trust',
  social_enterprise: 'Social enterprise',
  gp_federation: 'GP federation',
  local_authority: 'Local authority',
  independent_provider: 'Independent provider',
  vcse: 'Voluntary, community or social enterprise',
  nhs_england: 'NHS England',
};

const ZName = zLine({
  min: 2,
  max: 200,
  tooShort: 'Enter at least 2 characters',
  tooLong: 'Keep it under 200 characters',
});

export const ZCreateOrganisationInput = z.object({
  name: ZName,
  shortName: zLine({
    min: 1,
    max: 20,
    tooShort: 'Enter a short name',
    tooLong: 'Keep the short name under 20 characters',
  }),
  kind: ZOrganisationKind,
  odsCode: z
    .string()
    .trim()
    .regex(/^[A-Z0-9]{3,6}$/, 'An ODS code is 3 to 6 capital letters or digits')
    .nullable()
    .optional(),
});
export type TCreateOrganisationInput = z.infer<typeof ZCreateOrganisationInput>;

export const ZUpdateOrganisationInput = ZCreateOrganisationInput.extend({
  organisationId: z.uuid(),
  version: ZVersion,
});
export type TUpdateOrganisationInput = z.infer<typeof ZUpdateOrganisationInput>;
