/**
 * Pages residents open on their own (or a relative's) phone, often once, from a receipt's QR code.
 * Opening one does not register the service worker: registering would precache the whole agent and
 * workbench app (a few MB) on a phone that only wanted to see one case's progress. A phone where the
 * worker is already installed (an agent's) still serves these pages from it.
 */
const RESIDENT_PATHS = ['/track'];

/** Whether opening `pathname` should register the service worker. */
export function registersServiceWorker(pathname: string): boolean {
  return !RESIDENT_PATHS.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}
