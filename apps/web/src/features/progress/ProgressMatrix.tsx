import { Text } from '@mantine/core';
import { TableScroll } from '../../components/TableScroll';
import { formatCount } from '../../lib/format';
import { partyRoleLabel } from '../../lib/labels';
import { HEAT_SHADES, heatShade } from './heat';
import classes from './progress.module.css';
import type { ProgressCell, ProgressMatrixData, ProgressOrganisation } from './types';

/** "Outgoing provider" reads as "Outgoing" under a column name; several roles join with a slash. */
function roleLine(roles: readonly string[]): string {
  if (roles.length === 0) return 'Task owner';
  return roles
    .map((r) => partyRoleLabel(r).replace(/ provider$/, ''))
    .filter((r, i, all) => all.indexOf(r) === i)
    .join(' / ');
}

function HeatCell({
  cell,
  place,
  total = false,
  testId,
}: {
  cell: ProgressCell | undefined;
  /** "Kingsmead H&C, Workforce and TUPE": the hover title. */
  place: string;
  total?: boolean;
  testId: string;
}) {
  if (!cell || cell.total === 0)
    return (
      <td className={classes.empty} data-testid={testId} title={`${place}: no tasks`}>
        <span aria-hidden>—</span>
        <span className="visually-hidden">No tasks</span>
      </td>
    );
  const shade = heatShade(cell.percent);
  const done = `${cell.done} of ${formatCount(cell.total, 'task', 'tasks')} done`;
  return (
    <td
      className={`${classes.cell} ${total ? classes.total : ''}`}
      style={{ background: shade.background, color: shade.color }}
      data-testid={testId}
      title={`${place}: ${cell.percent}% complete, ${done}`}
    >
      <span className={classes.pct} aria-hidden>
        {cell.percent}%
      </span>
      <span className={classes.count} aria-hidden>
        {cell.done}/{cell.total} done
      </span>
      <span className="visually-hidden">
        {cell.percent}% complete, {done}
      </span>
    </td>
  );
}

/**
 * Percent complete by workstream (rows) and organisation (columns), with each row's and column's total. Cells
 * are shaded by how complete they are; each shows its number and how many tasks are done.
 */
export function ProgressMatrix({
  matrix,
  organisations,
}: {
  matrix: ProgressMatrixData;
  organisations: ProgressOrganisation[];
}) {
  const orgs = matrix.organisationIds
    .map((id) => organisations.find((o) => o.id === id))
    .filter((o): o is ProgressOrganisation => o !== undefined);
  if (matrix.workstreams.length === 0 || orgs.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No transition tasks yet: the matrix fills in as plans are made.
      </Text>
    );
  const minWidth = 200 + (orgs.length + 1) * 92;

  return (
    <>
      <TableScroll label="Percent complete by workstream and organisation" minWidth={minWidth}>
        <table className={classes.heat} data-testid="progress-matrix">
          <caption className="visually-hidden">
            Percent complete by workstream (rows) and organisation (columns), with totals. Each cell gives the
            percent complete and how many tasks are done.
          </caption>
          <colgroup>
            <col style={{ width: 200 }} />
            {orgs.map((o) => (
              <col key={o.id} />
            ))}
            <col style={{ width: 104 }} />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">Workstream</th>
              {orgs.map((o) => (
                <th key={o.id} scope="col" title={o.name}>
                  {o.shortName}
                  <span className={classes.orgRole}>{roleLine(o.roles)}</span>
                </th>
              ))}
              <th scope="col" className={classes.totalColumn}>
                All organisations
              </th>
            </tr>
          </thead>
          <tbody>
            {matrix.workstreams.map((ws) => (
              <tr key={ws.key}>
                <th scope="row">{ws.label}</th>
                {orgs.map((o) => (
                  <HeatCell
                    key={o.id}
                    cell={matrix.cells[ws.key]?.[o.id]}
                    place={`${o.shortName}, ${ws.label}`}
                    testId={`cell-${ws.key}-${o.id}`}
                  />
                ))}
                <HeatCell
                  cell={matrix.byWorkstream[ws.key]}
                  place={`${ws.label}, all organisations`}
                  total
                  testId={`cell-${ws.key}-all`}
                />
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className={classes.footRow}>
              <th scope="row">All workstreams</th>
              {orgs.map((o) => (
                <HeatCell
                  key={o.id}
                  cell={matrix.byOrganisation[o.id]}
                  place={`${o.shortName}, all workstreams`}
                  total
                  testId={`cell-all-${o.id}`}
                />
              ))}
              <HeatCell cell={matrix.overall} place="Whole programme" total testId="cell-all-all" />
            </tr>
          </tfoot>
        </table>
      </TableScroll>
      <ul className={classes.legend} aria-label="Key to the shading">
        {HEAT_SHADES.map((s) => (
          <li key={s.min}>
            <span className={classes.swatch} style={{ background: s.background }} aria-hidden />
            {s.min}–{s.max}%
          </li>
        ))}
        <li>
          <span className={`${classes.swatch} ${classes.swatchEmpty}`} aria-hidden />— no tasks
        </li>
        <li>Done tasks count as 100%; cancelled tasks are left out.</li>
      </ul>
    </>
  );
}
