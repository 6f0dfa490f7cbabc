import { Fragment, useState } from 'react';
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import {
  ACTION_STATUS_LABELS,
  ESCALATION_TIER_LABELS,
  PROXIMITY_LABELS,
  RISK_STATUS_LABELS,
  WORKSTREAM_LABELS,
} from '@baton/domain';
import { TableScroll } from '../../components/TableScroll';
import { diffOf, displayValue, humaniseKey } from '../audit/auditDiff';
import { formatRelative, formatTimestamp } from '../../lib/format';
import { categoryLabel } from './riskMatrix';
import type { RiskAuditEvent, RiskMatrix } from './types';

/** Bookkeeping a reader of a risk's history does not need (the summary names the risk). */
const HIDDEN = new Set(['number', 'reference', 'band', 'programme_id', 'created_by', 'createdBy', 'risk_id']);

const ENUMS: Record<string, Record<string, string>> = {
  status: { ...RISK_STATUS_LABELS, ...ACTION_STATUS_LABELS },
  proximity: PROXIMITY_LABELS,
  escalationTier: ESCALATION_TIER_LABELS,
  escalation_tier: ESCALATION_TIER_LABELS,
  workstream: WORKSTREAM_LABELS,
};

const isAssessment = (v: unknown): v is { consequence: number; likelihood: number; score?: number } =>
  typeof v === 'object' && v !== null && 'consequence' in v && 'likelihood' in v;

export interface AuditContext {
  matrix: RiskMatrix | undefined;
  organisationName: (id: string) => string;
  lotName: (id: string) => string;
}

function riskValue(key: string, value: unknown, ctx: AuditContext): string {
  if (value === null || value === undefined || value === '') return '—';
  if (isAssessment(value)) {
    const score = value.score ?? value.consequence * value.likelihood;
    return `${value.consequence} × ${value.likelihood} = ${score}`;
  }
  if ((key === 'categoryKey' || key === 'category_key') && typeof value === 'string')
    return categoryLabel(ctx.matrix, value);
  if (typeof value === 'string' && ENUMS[key]?.[value]) return ENUMS[key][value];
  if (Array.isArray(value) && (key === 'lotIds' || key === 'lot_ids'))
    return value.map((id) => ctx.lotName(String(id))).join(', ') || '—';
  if (Array.isArray(value) && /affected/i.test(key))
    return value.map((id) => ctx.organisationName(String(id))).join(', ') || '—';
  return displayValue(key, value);
}

function riskLabel(key: string): string {
  if (key === 'lotIds' || key === 'lot_ids') return 'Lots';
  if (/affected/i.test(key)) return 'Affected organisations';
  if (key === 'owningOrganisation') return 'Owning organisation';
  if (key === 'categoryKey' || key === 'category_key') return 'Category';
  return humaniseKey(key);
}

function DiffRows({ event, ctx }: { event: RiskAuditEvent; ctx: AuditContext }) {
  const rows = diffOf(event.before, event.after).filter((r) => !HIDDEN.has(r.key));
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No field-level details were recorded for this change.
      </Text>
    );
  return (
    <Table withTableBorder withColumnBorders verticalSpacing={4} fz="sm" bg="white">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col" w="28%">
            Field
          </Table.Th>
          <Table.Th scope="col">Before</Table.Th>
          <Table.Th scope="col">After</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={600}>
              {riskLabel(r.key)}
            </Table.Th>
            <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {r.before === undefined ? '—' : <del>{riskValue(r.key, r.before, ctx)}</del>}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {r.after === undefined ? (
                '—'
              ) : (
                <ins style={{ textDecoration: 'none', fontWeight: 600 }}>
                  {riskValue(r.key, r.after, ctx)}
                </ins>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

const ACTION_LABELS: Record<string, string> = { create: 'Created', update: 'Changed', delete: 'Removed' };

function EventRows({ event, ctx }: { event: RiskAuditEvent; ctx: AuditContext }) {
  const [open, setOpen] = useState(false);
  const detailsId = `risk-audit-${event.id}`;
  const hasDetails = event.before != null && event.after != null;
  return (
    <Fragment>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <time dateTime={new Date(event.occurredAt).toISOString()}>{formatTimestamp(event.occurredAt)}</time>
          <Text size="xs" c="dimmed">
            {formatRelative(event.occurredAt)}
          </Text>
        </Table.Td>
        <Table.Td>
          {event.actor?.name ?? (
            <Text span c="dimmed" size="sm">
              System
            </Text>
          )}
        </Table.Td>
        <Table.Td>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <Badge variant="outline" color="gray.8" radius="sm" tt="none" style={{ flexShrink: 0 }}>
              {ACTION_LABELS[event.action] ?? event.action}
            </Badge>
            <Text size="sm">{event.summary}</Text>
          </Group>
        </Table.Td>
        <Table.Td style={{ textAlign: 'right' }}>
          {hasDetails && (
            <Button
              size="compact-xs"
              variant="subtle"
              aria-expanded={open}
              aria-controls={detailsId}
              leftSection={
                open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />
              }
              onClick={() => setOpen((o) => !o)}
            >
              {open ? 'Hide' : 'Details'}
              <span className="visually-hidden">: {event.summary}</span>
            </Button>
          )}
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId} bg="gray.0">
          <Table.Td colSpan={4}>
            <DiffRows event={event} ctx={ctx} />
          </Table.Td>
        </Table.Tr>
      )}
    </Fragment>
  );
}

/** Every recorded change to the risk and its actions, newest first, with field-level details on demand. */
export function RiskAuditTrail({ events, ctx }: { events: readonly RiskAuditEvent[]; ctx: AuditContext }) {
  if (events.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No changes have been recorded for this risk.
      </Text>
    );
  return (
    <TableScroll label="Audit trail" minWidth={600}>
      <Table verticalSpacing={6} horizontalSpacing="sm" fz="sm" layout="fixed">
        <Table.Caption className="visually-hidden">Changes to this risk, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={150}>
              When
            </Table.Th>
            <Table.Th scope="col" w={130}>
              Who
            </Table.Th>
            <Table.Th scope="col">What</Table.Th>
            <Table.Th scope="col" w={88}>
              <span className="visually-hidden">Details</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <EventRows key={e.id} event={e} ctx={ctx} />
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
