import { useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, List, Skeleton, Stack, Table, Text } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { IconPencil } from '@tabler/icons-react';
import {
  ASSURANCE_STATUS_LABELS,
  CQC_LOCATION_STATUS_LABELS,
  ELI_STATE_LABELS,
  LANDLORD_CONSENT_LABELS,
  LANDLORD_TYPE_LABELS,
  MIGRATION_METHOD_LABELS,
  PENSION_STATUS_LABELS,
  SITE_ROUTE_LABELS,
  SYSTEM_ASSURANCE_LABELS,
  SYSTEM_ASSURANCES,
  SYSTEM_TYPE_LABELS,
  TENURE_LABELS,
  type TEliState,
  type TRag,
} from '@baton/domain';
import { QueryError } from '../../components/QueryStates';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { formatCount, formatDateShort } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { RegisterEditModal, type RegisterEditTarget } from './RegisterEditModal';
import classes from './transition.module.css';
import type { Registers, Site, StaffGroup, System } from './types';
import { RagBadge } from './ui';

const ELI_CLASS: Record<TEliState, string | null> = {
  sent: 'green',
  late: 'red',
  due_soon: 'amber',
  not_due: null,
};

/** ELI state as a word on its colour, with the reason underneath (never a bare colour). */
function EliState({ state, reason }: { state: TEliState; reason: string }) {
  const cls = ELI_CLASS[state];
  return (
    <Stack gap={2}>
      {cls ? (
        <span className={`${classes.rag} ${classes[cls]}`}>{ELI_STATE_LABELS[state]}</span>
      ) : (
        <Badge color="gray.8" variant="outline" radius="sm" tt="none" style={{ alignSelf: 'flex-start' }}>
          {ELI_STATE_LABELS[state]}
        </Badge>
      )}
      <Text size="xs" c="gray.8">
        {reason}
      </Text>
    </Stack>
  );
}

/** A readiness RAG with every reason for it listed below. */
function RagWithReasons({ rag, reasons }: { rag: TRag; reasons: string[] }) {
  return (
    <Stack gap={4} align="flex-start">
      <RagBadge rag={rag} />
      <List size="xs" spacing={0} withPadding>
        {reasons.map((r) => (
          <List.Item key={r}>{r}</List.Item>
        ))}
      </List>
    </Stack>
  );
}

const dash = (s: string | null | undefined) => (s ? s : '—');
const date = (iso: string | null) => (iso ? <time dateTime={iso}>{formatDateShort(iso)}</time> : '—');

function Empty({ children }: { children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" bg="gray.0">
      <Text ta="center" size="sm">
        {children}
      </Text>
    </Card>
  );
}

function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Button
      size="xs"
      variant="subtle"
      leftSection={<IconPencil size={14} aria-hidden />}
      onClick={onClick}
      aria-label={`Edit ${name}`}
    >
      Edit
    </Button>
  );
}

/** The transfer's TUPE staff groups, estate sites and IT systems, each row with its derived state and why. */
export function RegistersTab({ programmeId, transferId }: { programmeId: string; transferId: string }) {
  const trpc = useTRPC();
  const registers = useQuery(trpc.registers.list.queryOptions({ programmeId, transferId }));
  const [editing, setEditing] = useState<RegisterEditTarget | null>(null);

  if (registers.isPending)
    return (
      <Stack gap="md" role="status" aria-busy="true" aria-label="Loading registers">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={140} radius="md" />
        ))}
      </Stack>
    );
  if (registers.isError)
    return (
      <QueryError
        title="The registers could not be loaded"
        error={registers.error}
        onRetry={() => void registers.refetch()}
      />
    );

  const data = registers.data;
  const edit = data.canEdit ? setEditing : undefined;
  return (
    <Stack gap="lg">
      <StaffGroups data={data} onEdit={edit} />
      <Sites data={data} onEdit={edit} />
      <Systems data={data} onEdit={edit} />
      {data.canEdit && (
        <RegisterEditModal
          programmeId={programmeId}
          transferId={transferId}
          target={editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

type OnEdit = ((target: RegisterEditTarget) => void) | undefined;

function StaffGroups({ data, onEdit }: { data: Registers; onEdit: OnEdit }) {
  const { totals } = data;
  return (
    <Section id="register-staff" title="TUPE staff groups">
      {data.staffGroups.length === 0 ? (
        <Empty>No staff groups are recorded for this transfer yet.</Empty>
      ) : (
        <TableScroll label="TUPE staff groups" minWidth={1250}>
          <Table verticalSpacing="xs" striped captionSide="top" aria-labelledby="register-staff-heading">
            <Table.Caption ta="left" data-testid="staff-totals">
              {formatCount(totals.staffGroups, 'group', 'groups')} ·{' '}
              {formatCount(totals.headcount, 'member of staff', 'staff')} · {totals.wte} WTE ·{' '}
              {formatCount(totals.objectors, 'objector', 'objectors')} · ELI sent for {totals.eliSent} of{' '}
              {totals.staffGroups} ·{' '}
              <span className={totals.eliLate > 0 ? classes.late : undefined}>{totals.eliLate} late</span>
              <MoneySummary data={data} />
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Service</Table.Th>
                <Table.Th>Employer</Table.Th>
                <Table.Th ta="right">Headcount</Table.Th>
                <Table.Th ta="right">WTE</Table.Th>
                <Table.Th>Bands</Table.Th>
                <Table.Th>Unions</Table.Th>
                <Table.Th>Pension</Table.Th>
                <Table.Th ta="right">Objectors</Table.Th>
                <Table.Th>ELI due</Table.Th>
                <Table.Th>ELI</Table.Th>
                <Table.Th>Consultation</Table.Th>
                <Table.Th>Money at stake</Table.Th>
                <Table.Th>New Fair Deal</Table.Th>
                {onEdit && (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.staffGroups.map((g: StaffGroup) => (
                <Table.Tr key={g.id}>
                  <Table.Th scope="row" fw={600}>
                    {g.service}
                    {g.site && (
                      <Text size="xs" c="gray.8" fw={400}>
                        {g.site}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>
                    <LazyTooltip label={`${g.outgoingEmployer.name} → ${g.incomingEmployer.name}`}>
                      <Text size="sm" span>
                        {g.outgoingEmployer.shortName} → {g.incomingEmployer.shortName}
                      </Text>
                    </LazyTooltip>
                  </Table.Td>
                  <Table.Td ta="right">{g.headcount}</Table.Td>
                  <Table.Td ta="right">{g.wte}</Table.Td>
                  <Table.Td>{dash(g.bands)}</Table.Td>
                  <Table.Td>{dash(g.unions)}</Table.Td>
                  <Table.Td>{PENSION_STATUS_LABELS[g.pensionStatus]}</Table.Td>
                  <Table.Td ta="right">{g.objectors}</Table.Td>
                  <Table.Td>{date(g.eliDue)}</Table.Td>
                  <Table.Td miw={200}>
                    <EliState state={g.eliState} reason={g.eliReason} />
                    {g.eliCompleteOn && (
                      <Text size="xs" c="gray.8">
                        Complete on {formatDateShort(g.eliCompleteOn)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {g.consultationStart ? (
                      <>
                        {date(g.consultationStart)} to {date(g.consultationEnd)}
                      </>
                    ) : (
                      'Not started'
                    )}
                  </Table.Td>
                  <Table.Td miw={220}>
                    <MoneyCell exposure={g.money.eli} label="ELI" />
                    <MoneyCell exposure={g.money.consultation} label="Inform and consult" />
                  </Table.Td>
                  <Table.Td miw={160}>
                    <LazyTooltip
                      label={`${g.money.pensions.reason}. ${g.money.pensions.rule}`}
                      multiline
                      w={360}
                    >
                      <Text size="sm" span tabIndex={0}>
                        {g.money.pensions.eligible === null
                          ? 'Not known yet'
                          : g.money.pensions.route === 'nhs_employer'
                            ? 'Stays in NHS scheme'
                            : g.money.pensions.eligible
                              ? 'Eligible'
                              : 'Not eligible'}
                      </Text>
                    </LazyTooltip>
                  </Table.Td>
                  {onEdit && (
                    <Table.Td>
                      <EditButton name={g.service} onClick={() => onEdit({ kind: 'staffGroup', row: g })} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Section>
  );
}

const gbp = (n: number) =>
  n.toLocaleString('en-GB', { style: 'currency', currency: 'GBP', maximumFractionDigits: 0 });

type Exposure = StaffGroup['money']['eli'] | StaffGroup['money']['consultation'];

/** What a duty could cost: owed now (red) or only at stake if it fails, with the reason and the rule. */
function MoneyCell({ exposure, label }: { exposure: Exposure; label: string }) {
  const owed = exposure.minimumGbp > 0 || (exposure.maximumGbp ?? 0) > 0 || exposure.maximumGbp === null;
  const figure = (m: { minimumGbp: number; maximumGbp: number | null }) =>
    m.maximumGbp === null
      ? m.minimumGbp > 0
        ? `at least ${gbp(m.minimumGbp)}`
        : 'not known (record pay)'
      : m.minimumGbp > 0
        ? `${gbp(m.minimumGbp)} to ${gbp(m.maximumGbp)}`
        : `up to ${gbp(m.maximumGbp)}`;
  const exposedNow = owed && !(exposure.minimumGbp === 0 && exposure.maximumGbp === 0);
  return (
    <LazyTooltip
      label={`${exposure.reason}. ${exposure.liable} is liable. ${exposure.rule}`}
      multiline
      w={380}
    >
      <Text
        size="xs"
        tabIndex={0}
        className={exposedNow && exposure.maximumGbp !== 0 ? classes.late : undefined}
      >
        {label}:{' '}
        {exposure.minimumGbp === 0 && exposure.maximumGbp === 0
          ? `nothing owed (${figure(exposure.atStake)} if it fails)`
          : `${figure(exposure)} now`}
      </Text>
    </LazyTooltip>
  );
}

function MoneySummary({ data }: { data: Registers }) {
  const m = data.totals.money;
  return (
    <Text size="sm" mt={4} component="div">
      Owed now: ELI at least {gbp(m.eliMinimumGbp)}; inform and consult{' '}
      {m.consultationMaximumGbp === null
        ? 'not known (record pay)'
        : `up to ${gbp(m.consultationMaximumGbp)}`}
      . At stake if every open duty failed: ELI at least {gbp(m.atStake.eliMinimumGbp)}; inform and consult{' '}
      {m.atStake.consultationMaximumGbp === null
        ? 'not known'
        : `up to ${gbp(m.atStake.consultationMaximumGbp)}`}
      . NHS Pension Scheme access: {m.pensionEligibleHeadcount} staff
      {m.pensionUnknownHeadcount > 0 ? ` (${m.pensionUnknownHeadcount} not known yet)` : ''}.{' '}
      <LazyTooltip
        label={`${data.rules.eliMoney} ${data.rules.consultationMoney} ${data.rules.newFairDeal}`}
        multiline
        w={420}
      >
        <Text span size="sm" td="underline" tabIndex={0}>
          The rules
        </Text>
      </LazyTooltip>
    </Text>
  );
}

function ragSummary(n: number, byRag: { red: number; amber: number; green: number }, one: string) {
  return `${formatCount(n, one, `${one}s`)} · ${byRag.red} red · ${byRag.amber} amber · ${byRag.green} green`;
}

function Sites({ data, onEdit }: { data: Registers; onEdit: OnEdit }) {
  return (
    <Section id="register-sites" title="Estate sites">
      {data.sites.length === 0 ? (
        <Empty>No sites are recorded for this transfer yet.</Empty>
      ) : (
        <TableScroll label="Estate sites" minWidth={1100}>
          <Table verticalSpacing="xs" striped captionSide="top" aria-labelledby="register-sites-heading">
            <Table.Caption ta="left">
              {ragSummary(data.totals.sites, data.totals.sitesByRag, 'site')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Site</Table.Th>
                <Table.Th>Landlord</Table.Th>
                <Table.Th>Tenure</Table.Th>
                <Table.Th>Route</Table.Th>
                <Table.Th>Landlord consent</Table.Th>
                <Table.Th>CQC location</Table.Th>
                <Table.Th>Readiness</Table.Th>
                {onEdit && (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.sites.map((s: Site) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row" fw={600}>
                    {s.name}
                    {s.address && (
                      <Text size="xs" c="gray.8" fw={400}>
                        {s.address}
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td>{LANDLORD_TYPE_LABELS[s.landlordType]}</Table.Td>
                  <Table.Td>{TENURE_LABELS[s.tenure]}</Table.Td>
                  <Table.Td>{SITE_ROUTE_LABELS[s.route]}</Table.Td>
                  <Table.Td>{LANDLORD_CONSENT_LABELS[s.landlordConsent]}</Table.Td>
                  <Table.Td>{CQC_LOCATION_STATUS_LABELS[s.cqcLocationStatus]}</Table.Td>
                  <Table.Td miw={280}>
                    <RagWithReasons rag={s.readiness.rag} reasons={s.readiness.reasons} />
                  </Table.Td>
                  {onEdit && (
                    <Table.Td>
                      <EditButton name={s.name} onClick={() => onEdit({ kind: 'site', row: s })} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Section>
  );
}

function Systems({ data, onEdit }: { data: Registers; onEdit: OnEdit }) {
  return (
    <Section id="register-systems" title="IT systems">
      {data.systems.length === 0 ? (
        <Empty>No IT systems are recorded for this transfer yet.</Empty>
      ) : (
        <TableScroll label="IT systems" minWidth={1250}>
          <Table verticalSpacing="xs" striped captionSide="top" aria-labelledby="register-systems-heading">
            <Table.Caption ta="left">
              {ragSummary(data.totals.systems, data.totals.systemsByRag, 'system')}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>System</Table.Th>
                <Table.Th>Type</Table.Th>
                <Table.Th>Migration</Table.Th>
                <Table.Th>Dates</Table.Th>
                <Table.Th>Go-live conditions</Table.Th>
                <Table.Th>Readiness</Table.Th>
                {onEdit && (
                  <Table.Th>
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.systems.map((s: System) => (
                <Table.Tr key={s.id}>
                  <Table.Th scope="row" fw={600}>
                    {s.name}
                    <Text size="xs" c="gray.8" fw={400}>
                      {s.supplier || 'Supplier not recorded'}
                    </Text>
                  </Table.Th>
                  <Table.Td>{SYSTEM_TYPE_LABELS[s.systemType]}</Table.Td>
                  <Table.Td>{MIGRATION_METHOD_LABELS[s.migrationMethod]}</Table.Td>
                  <Table.Td miw={210}>
                    <dl className={classes.registerDates}>
                      <dt>Final extract</dt>
                      <dd>{date(s.finalExtractDate)}</dd>
                      <dt>Cutover</dt>
                      <dd>{date(s.cutoverStart)}</dd>
                      <dt>Go-live</dt>
                      <dd>
                        {s.goLiveDate ? date(s.goLiveDate) : <>{date(s.effectiveGoLive)} (transfer date)</>}
                      </dd>
                      <dt>Legacy access ends</dt>
                      <dd>
                        {date(s.effectiveLegacyAccessEnd)}
                        {s.legacyAccessEndIsDefault && (
                          <LazyTooltip label={s.legacyAccessEndRule} multiline w={260}>
                            <Text span size="xs" c="gray.8" tabIndex={0}>
                              {' '}
                              (default)
                              <span className="visually-hidden">: {s.legacyAccessEndRule}</span>
                            </Text>
                          </LazyTooltip>
                        )}
                      </dd>
                    </dl>
                  </Table.Td>
                  <Table.Td miw={220}>
                    <dl className={classes.registerDates}>
                      {SYSTEM_ASSURANCES.map((k) => (
                        <div key={k} style={{ display: 'contents' }}>
                          <dt>{SYSTEM_ASSURANCE_LABELS[k]}</dt>
                          <dd>{ASSURANCE_STATUS_LABELS[s[k]]}</dd>
                        </div>
                      ))}
                    </dl>
                  </Table.Td>
                  <Table.Td miw={280}>
                    <RagWithReasons rag={s.readiness.rag} reasons={s.readiness.reasons} />
                  </Table.Td>
                  {onEdit && (
                    <Table.Td>
                      <EditButton name={s.name} onClick={() => onEdit({ kind: 'system', row: s })} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Section>
  );
}
