import { createTheme, type CSSVariablesResolver, type MantineColorsTuple } from '@mantine/core';

/** NHS blue (#005EB8) at index 6, lighter tints below, NHS dark blue (#003087) at the darkest end. */
const nhsBlue: MantineColorsTuple = [
  '#e8f1fa',
  '#cfe1f4',
  '#9fc3e9',
  '#6ea4dd',
  '#4189d2',
  '#1a73c4',
  '#005EB8',
  '#004f9c',
  '#004185',
  '#003087',
];

export const theme = createTheme({
  primaryColor: 'nhsBlue',
  primaryShade: { light: 6, dark: 4 },
  colors: { nhsBlue },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  },
  defaultRadius: 'sm',
  // Filled components pick black or white text, whichever contrasts with their background.
  autoContrast: true,
  // Keyboard users always see where focus is.
  focusRing: 'auto',
  cursorType: 'pointer',
  components: {
    Tooltip: { defaultProps: { withArrow: true, openDelay: 150 } },
    Modal: { defaultProps: { centered: true, closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    // Dialog headers are not page banners: a <header> there would add a second "banner" landmark.
    ModalHeader: { defaultProps: { component: 'div' } },
    DrawerHeader: { defaultProps: { component: 'div' } },
    // Mantine's notification close button has no name, and its description is gray-6 (about 3.3:1).
    Notification: {
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
      styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    },
  },
});

/**
 * WCAG 2.2 AA in the light scheme: Mantine's defaults put some text and borders below the required contrast
 * (dimmed and error text are gray-6 and red-6, about 3.3:1 on white; input borders gray-4, about 1.5:1).
 * These overrides keep text at 4.5:1 or more and component boundaries at 3:1 or more.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-default-border': 'var(--mantine-color-gray-6)',
  },
  dark: {},
});
