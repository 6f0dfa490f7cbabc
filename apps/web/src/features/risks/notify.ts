import { notifications, type NotificationData } from '@mantine/notifications';

/**
 * A notification that passes WCAG 2.2 AA: Mantine's close button has no name, and its description under a
 * title is gray-6 (about 3.3:1 on white). Both belong in the app theme; until then every risk screen uses this.
 */
export function notify(n: NotificationData): void {
  notifications.show({
    closeButtonProps: { 'aria-label': 'Close notification' },
    styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    ...n,
  });
}
