/**
 * The service worker has no data key of its own: one it could use without the PIN would be as good
 * as none (whoever holds the phone could let the worker decrypt). For a background sync it asks the
 * open windows of the app, over a MessageChannel, to lend the key for that one run; only an unlocked
 * window answers with it (src/app/lock/share-data-key.ts). With no unlocked window the run pushes
 * nothing sealed and only pulls — the work waits, and the sync screen says 解锁后继续上传.
 */
import { DATA_KEY_REQUEST, type DataKeyReply } from '../src/device/data-key';

/** How long one window gets to answer (a frozen background tab never does). */
const ANSWER_MS = 2000;

function isReply(data: unknown): data is DataKeyReply {
  return typeof data === 'object' && data !== null && 'type' in data && data.type === 'DATA_KEY';
}

function ask(client: Client): Promise<Uint8Array | null> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => {
      channel.port1.close();
      resolve(null);
    }, ANSWER_MS);
    channel.port1.onmessage = (event: MessageEvent<unknown>) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(isReply(event.data) && event.data.key instanceof Uint8Array ? event.data.key : null);
    };
    client.postMessage({ type: DATA_KEY_REQUEST }, [channel.port2]);
  });
}

/** The data key from the first unlocked window of the app, or null. */
export async function dataKeyFromWindows(worker: ServiceWorkerGlobalScope): Promise<Uint8Array | null> {
  const windows = await worker.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const client of windows) {
    const key = await ask(client);
    if (key) return key;
  }
  return null;
}
