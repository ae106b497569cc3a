import { observeSession, type StoredSession } from '../../device/session-repository';
import { createLiveStore, type LiveValue } from '../hooks/live-store';
import { useLiveStore } from '../hooks/use-live-store';

const deviceSessionStore = createLiveStore(observeSession());

/** The session stored on this phone (null when signed out or expired), live across tabs. */
export function useDeviceSession(): LiveValue<StoredSession | null> {
  return useLiveStore(deviceSessionStore);
}
