import { cloneElement, useState, type FocusEvent, type MouseEvent, type ReactElement } from 'react';
import { Tooltip, type TooltipProps } from '@mantine/core';

type ChildProps = {
  onMouseEnter?: (e: MouseEvent) => void;
  onMouseLeave?: (e: MouseEvent) => void;
  onFocus?: (e: FocusEvent) => void;
  onBlur?: (e: FocusEvent) => void;
};

/**
 * Mantine's tooltip, built the first time its target is hovered or focused. A tooltip sets up its floating
 * position, refs and effects as it mounts, whether or not anyone ever points at it; a table with two or three
 * per row paid for all of them before it could show. Until then the target is rendered as it is, with the same
 * text for screen readers (the tooltip only repeats what the target already says to them).
 */
export function LazyTooltip({
  children,
  ...props
}: Omit<TooltipProps, 'children'> & { children: ReactElement<ChildProps> }) {
  const [opened, setOpened] = useState<boolean | null>(null);
  const own = children.props;
  const target = cloneElement(children, {
    onMouseEnter: (e: MouseEvent) => {
      setOpened(true);
      own.onMouseEnter?.(e);
    },
    onMouseLeave: (e: MouseEvent) => {
      setOpened(false);
      own.onMouseLeave?.(e);
    },
    onFocus: (e: FocusEvent) => {
      setOpened(true);
      own.onFocus?.(e);
    },
    onBlur: (e: FocusEvent) => {
      setOpened(false);
      own.onBlur?.(e);
    },
  });
  if (opened === null) return target;
  return (
    <Tooltip {...props} opened={opened}>
      {target}
    </Tooltip>
  );
}
