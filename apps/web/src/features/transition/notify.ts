import { notifications, type NotificationData } from '@mantine/notifications';

/**
 * A notification that passes WCAG 2.2 AA: Mantine's default close button has no name and its description
 * under a title is gray-6 (about 3.3:1). App-wide, this belongs in the theme; until then, this feature's own.
 */
export function notify(data: Pick<NotificationData, 'color' | 'title' | 'message' | 'autoClose'>): void {
  notifications.show({
    ...data,
    closeButtonProps: { 'aria-label': 'Dismiss notification' },
    styles: { description: { color: 'var(--mantine-color-gray-8)' } },
  });
}
