/**
 * Answers the service worker's DATA_KEY_REQUEST (see sw/data-key-request.ts): an unlocked window lends
 * the data key for one background sync run; a locked one answers null, and the worker leaves the
 * sealed work waiting. The key only travels inside this browser (postMessage over a MessageChannel).
 */
import { DATA_KEY_REQUEST, dataKeyReply } from '../../device/data-key';

function isKeyRequest(data: unknown): boolean {
  return typeof data === 'object' && data !== null && 'type' in data && data.type === DATA_KEY_REQUEST;
}

/** Starts answering; returns the function that stops. */
export function shareDataKeyWithWorker(): () => void {
  const container = typeof navigator === 'undefined' ? undefined : navigator.serviceWorker;
  if (!container) return () => undefined;
  const onMessage = (event: MessageEvent): void => {
    if (!isKeyRequest(event.data)) return;
    event.ports[0]?.postMessage(dataKeyReply());
  };
  container.addEventListener('message', onMessage);
  container.startMessages();
  return () => {
    container.removeEventListener('message', onMessage);
  };
}
