import { useEffect } from 'react';

/**
 * When the page was opened with #some-id (a link from the submit step's problem list), scrolls that
 * element into view and focuses it — or the first form control inside it — once `ready` is true.
 */
export function useFocusFromHash(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    const target = document.getElementById(id);
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    const control =
      target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement
        ? target
        : target.querySelector<HTMLElement>('input, textarea, select, button, [tabindex]');
    (control ?? target).focus({ preventScroll: true });
  }, [ready]);
}
