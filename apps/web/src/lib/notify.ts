import { notifications, type NotificationData } from '@mantine/notifications';

/** Show a notification; the theme gives every notification an accessible close button and AA text. */
export function notify(data: NotificationData): void {
  notifications.show(data);
}
