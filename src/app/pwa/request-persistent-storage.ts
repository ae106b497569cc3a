/**
 * Asks the browser to keep this site's storage under pressure instead of evicting it (DESIGN §4).
 * Chromium grants it silently to installed or engaged sites; others may refuse. Never throws.
 * @returns whether storage is now persistent.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    if (!('storage' in navigator)) return false;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
