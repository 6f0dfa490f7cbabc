import { useEffect, useState } from 'react';
import { Alert } from '@mantine/core';
import { IconWifiOff } from '@tabler/icons-react';

/** Says so when the browser loses its connection; queries retry by themselves when it comes back. */
export function ConnectionBanner() {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  if (online) return null;
  return (
    <Alert
      color="orange"
      icon={<IconWifiOff size={18} aria-hidden />}
      role="status"
      radius={0}
      style={{ position: 'fixed', bottom: 0, left: 0, right: 0, zIndex: 1000 }}
      title="You are offline"
    >
      Baton will reconnect and refresh this page’s figures when the connection is back. Changes you make now
      may not be saved.
    </Alert>
  );
}
