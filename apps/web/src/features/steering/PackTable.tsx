import { Table, type TableProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { TableScroll } from '../../components/TableScroll';

/**
 * A table of the pack and its comparison: compact, striped, in a keyboard-scrollable frame on narrow
 * screens, named for screen readers. `fixed` keeps column widths steady between sections.
 */
export function PackTable({
  label,
  name = label,
  minWidth,
  fixed = false,
  children,
  ...table
}: {
  /** What the scrolling frame is called. */
  label: string;
  /** What the table itself is called (defaults to the label). */
  name?: string;
  minWidth: number;
  fixed?: boolean;
  children: ReactNode;
} & Omit<TableProps, 'children'>) {
  return (
    <TableScroll label={label} minWidth={minWidth}>
      <Table
        verticalSpacing={6}
        horizontalSpacing="sm"
        fz="sm"
        striped
        className="pack-table"
        aria-label={name}
        {...(fixed ? { layout: 'fixed' as const } : {})}
        {...table}
      >
        {children}
      </Table>
    </TableScroll>
  );
}
