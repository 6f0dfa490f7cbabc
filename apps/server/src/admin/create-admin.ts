import { randomBytes } from 'node:crypto';
import { hashNewPassword } from '@baton/api';
import {
  findUserByEmail,
  insertOrganisation,
  insertUser,
  listOrganisations,
  recordAudit,
  type Database,
} from '@baton/db';
import { RuleViolationError, ZCreateOrganisationInput, ZEmail, ZPassword } from '@baton/domain';
import { z } from 'zod';

const ZCreateAdmin = z.object({
  email: ZEmail,
  name: z.string().trim().min(2, 'Give --name, the administrator’s full name'),
  organisation: z.string().trim().min(2, 'Give --organisation, the name of their organisation'),
  password: ZPassword.optional(),
});

/**
 * The first administrator of a real deployment: no published demo password ever reaches production.
 * Without --password a strong one is generated and printed once.
 */
export async function createAdmin(db: Database, raw: Record<string, string | undefined>) {
  const parsed = ZCreateAdmin.safeParse(raw);
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  const input = parsed.data;
  if (await findUserByEmail(db, input.email))
    throw new Error(`A user with email ${input.email} already exists.`);
  const generatedPassword = input.password ? null : randomBytes(18).toString('base64url');
  // The same password rule as an invitation: a weak --password is refused with the reasons.
  const passwordHash = await hashNewPassword(input.password ?? generatedPassword!, [
    input.email,
    input.name,
    input.organisation,
  ]).catch((e: unknown) => {
    if (e instanceof RuleViolationError) throw new Error(`--password: ${e.message}`);
    throw e;
  });
  await db.transaction().execute(async (trx) => {
    const existing = (await listOrganisations(trx)).find(
      (o) => o.name.toLowerCase() === input.organisation.toLowerCase(),
    );
    const organisation =
      existing ??
      (await insertOrganisation(
        trx,
        ZCreateOrganisationInput.parse({
          name: input.organisation,
          shortName: input.organisation.slice(0, 20),
          kind: 'commissioner',
        }),
      ));
    const userId = await insertUser(trx, {
      email: input.email,
      name: input.name,
      organisationId: organisation.id,
      passwordHash,
      isSystemAdmin: true,
    });
    await recordAudit(trx, {
      actorUserId: null,
      programmeId: null,
      organisationId: organisation.id,
      audience: { kind: 'owners', organisationIds: [organisation.id] },
      entityType: 'user',
      entityId: userId,
      action: 'create',
      summary: `Created system administrator ${input.name} from the command line`,
    });
  });
  return { email: input.email, organisation: input.organisation, generatedPassword };
}
