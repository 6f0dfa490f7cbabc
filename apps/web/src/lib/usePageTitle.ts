import { useEffect } from 'react';

/** Sets `document.title` to "Part · Part · Baton" while the page is shown. */
export function usePageTitle(...parts: Array<string | null | undefined | false>): void {
  const title = [...parts.filter((p): p is string => Boolean(p)), 'Baton'].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
