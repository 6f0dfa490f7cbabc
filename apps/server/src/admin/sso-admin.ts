import { secretBoxFromKey } from '@baton/api';
import {
  deleteIdentityProvider,
  domainsClaimedElsewhere,
  findOrganisationProvider,
  insertIdentityProvider,
  listIdentityProviders,
  recordAudit,
  updateIdentityProvider,
  type Database,
} from '@baton/db';
import { ZIdentityProviderInput } from '@baton/domain';

/*
 * `baton sso ...`: sets up an organisation's identity provider from the command line, for a hosting team
 * scripting a deployment (the same rules as the Sign-in providers page: one provider per organisation, one
 * organisation per email domain, the client secret encrypted with BATON_SECRET_KEY, each change audited).
 */

export const SSO_USAGE = `  sso list                   the organisations' identity providers
  sso set --organisation O --name N --issuer URL --client-id ID --domains a.nhs.uk,b.nhs.uk
          [--client-secret-env VAR] [--require-sso] [--disabled]
                             set up or change organisation O's provider (the secret is read from VAR)
  sso remove --organisation O
                             remove organisation O's provider`;

async function organisationNamed(db: Database, name: string | undefined) {
  if (!name) throw new Error('Name the organisation: --organisation "Its full or short name"');
  const org = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('name', '=', name), eb('short_name', '=', name)]))
    .executeTakeFirst();
  if (!org) throw new Error(`No organisation is called "${name}" in the directory.`);
  return org;
}

export async function ssoCommand(
  db: Database,
  secretKey: string | undefined,
  args: string[],
  values: Record<string, string | boolean | undefined>,
): Promise<string> {
  const [sub] = args;
  if (sub === 'list') {
    const rows = await listIdentityProviders(db);
    if (!rows.length) return 'No identity providers are set up.';
    return rows
      .map(
        (p) =>
          `${p.organisation.name}: ${p.displayName} (${p.issuer}, client ${p.clientId}; ${p.emailDomains.join(', ')}` +
          `${p.requireSso ? '; passwords refused' : ''}${p.enabled ? '' : '; turned off'})`,
      )
      .join('\n');
  }
  if (sub === 'remove') {
    const org = await organisationNamed(db, values.organisation as string | undefined);
    const p = await findOrganisationProvider(db, org.id);
    if (!p) return `${org.name} has no identity provider.`;
    await db.transaction().execute(async (trx) => {
      await deleteIdentityProvider(trx, p.id, p.version);
      await recordAudit(trx, {
        actorUserId: null,
        programmeId: null,
        organisationId: org.id,
        audience: { kind: 'owners', organisationIds: [org.id] },
        entityType: 'identity_provider',
        entityId: p.id,
        action: 'delete',
        summary: `Sign-in with ${p.displayName} for ${org.name} removed from the command line`,
      });
    });
    return `Removed ${p.displayName} for ${org.name}.`;
  }
  if (sub !== 'set') throw new Error(`Usage:\n${SSO_USAGE}`);
  const org = await organisationNamed(db, values.organisation as string | undefined);
  const secretVar = values['client-secret-env'] as string | undefined;
  const secret = secretVar ? process.env[secretVar] : undefined;
  if (secretVar && !secret) throw new Error(`The environment variable ${secretVar} is empty.`);
  if (secret && !secretKey)
    throw new Error('Set BATON_SECRET_KEY first: the client secret is stored encrypted with it.');
  const existing = await findOrganisationProvider(db, org.id);
  const parsed = ZIdentityProviderInput.safeParse({
    organisationId: org.id,
    displayName: values.name ?? existing?.displayName,
    issuer: values.issuer ?? existing?.issuer,
    clientId: values['client-id'] ?? existing?.clientId,
    emailDomains: typeof values.domains === 'string' ? values.domains.split(',') : existing?.emailDomains,
    requireSso: values['require-sso'] === true,
    enabled: values.disabled !== true,
  });
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `  --${String(i.path[0])}: ${i.message}`).join('\n'));
  const input = parsed.data;
  const clash = await domainsClaimedElsewhere(db, org.id, input.emailDomains);
  if (clash.length)
    throw new Error(
      clash.map((c) => `${c.domain} already signs in through ${c.organisationName}`).join('\n'),
    );
  const v = {
    displayName: input.displayName,
    issuer: input.issuer,
    clientId: input.clientId,
    clientSecretEncrypted: secret ? secretBoxFromKey(secretKey!).seal(secret) : undefined,
    emailDomains: [...new Set(input.emailDomains)],
    requireSso: input.requireSso,
    enabled: input.enabled,
  };
  await db.transaction().execute(async (trx) => {
    const id = existing
      ? (await updateIdentityProvider(trx, existing.id, existing.version, v), existing.id)
      : await insertIdentityProvider(trx, org.id, v);
    await recordAudit(trx, {
      actorUserId: null,
      programmeId: null,
      organisationId: org.id,
      audience: { kind: 'owners', organisationIds: [org.id] },
      entityType: 'identity_provider',
      entityId: id,
      action: existing ? 'update' : 'create',
      summary: `Sign-in with ${v.displayName} for ${org.name} ${existing ? 'changed' : 'set up'} from the command line${secret ? ' (client secret set)' : ''}`,
    });
  });
  return `${existing ? 'Changed' : 'Set up'} ${v.displayName} for ${org.name}: register ${'<BATON_PUBLIC_URL>'}/auth/sso/callback as its redirect URI.`;
}
