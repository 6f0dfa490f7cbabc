import {
  cloneElement,
  useRef,
  useState,
  type Ref,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type ReactElement,
} from 'react';
import { Tooltip, type TooltipProps } from '@mantine/core';
import { useMergedRef } from '@mantine/hooks';

type ChildProps = {
  ref?: Ref<HTMLElement>;
  onMouseEnter?: (e: MouseEvent) => void;
  onMouseLeave?: (e: MouseEvent) => void;
  onFocus?: (e: FocusEvent) => void;
  onBlur?: (e: FocusEvent) => void;
  onKeyDown?: (e: KeyboardEvent) => void;
};

/**
 * Mantine's tooltip, built the first time its target is hovered or focused. A tooltip sets up its floating
 * position, refs and effects as it mounts, whether or not anyone ever points at it; a table with two or three
 * per row paid for all of them before it could show. Until then the target is rendered as it is, with the same
 * text for screen readers (the tooltip only repeats what the target already says to them). It shows on hover
 * and on keyboard focus, and Escape hides it.
 *
 * The tooltip is a sibling pointed at the target (Mantine's `target`), never a wrapper around it: wrapping it
 * on first hover would replace the target's element under the pointer or focus, losing the click or the focus.
 */
export function LazyTooltip({
  children,
  ...props
}: Omit<TooltipProps, 'children' | 'target' | 'opened'> & { children: ReactElement<ChildProps> }) {
  const [opened, setOpened] = useState<boolean | null>(null);
  const own = children.props;
  const anchor = useRef<HTMLElement | null>(null);
  const target = cloneElement(children, {
    ref: useMergedRef(anchor, own.ref),
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
    // Dismissable without moving the pointer or focus (WCAG 1.4.13).
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape' && opened) setOpened(false);
      own.onKeyDown?.(e);
    },
  });
  return (
    <>
      {target}
      {opened !== null && <Tooltip {...props} target={anchor} opened={opened} />}
    </>
  );
}
