/**
 * Who is signed in on the workbench and their township (villages, windows), loaded once per page
 * and kept in memory while the clerk moves between screens, so going from the queue to a case and
 * back does not flash a loading screen. Nothing is stored on the (shared) service-centre PC.
 * A county administrator gets a county frame instead: no township, statistics only.
 */
import { createContext, useContext } from 'react';
import type { SessionUser } from '../../domain/auth';
import type { Township } from '../../domain/township';
import { fetchMe } from '../../device/sync-auth';
import { ApiRequestError } from '../../device/sync-fetch';
import { fetchTownship } from '../../device/sync-workbench';

export type ClerkFrame = { user: SessionUser; township: Township };

/** A county administrator (县级管理员) and their county: the workbench shows them 办件统计 only. */
export type CountyFrame = { user: SessionUser; county: { id: string; name: string } };

type LoadedFrame = { kind: 'ready'; frame: ClerkFrame } | { kind: 'county'; frame: CountyFrame };

export type FrameState =
  { kind: 'loading' } | LoadedFrame | { kind: 'signed-out' } | { kind: 'failed'; error: unknown };

let cached: LoadedFrame | null = null;

/** The frame loaded earlier on this page, if any (shown at once while it is checked again). */
export function cachedFrame(): LoadedFrame | null {
  return cached;
}

/** Forgets the frame (after signing out). */
export function forgetFrame(): void {
  cached = null;
}

/** True for the answers that mean "nobody (or an agent) is signed in here". */
export function isSignedOut(error: unknown): boolean {
  return error instanceof ApiRequestError && (error.status === 401 || error.code === 'UNAUTHENTICATED');
}

/** Loads the signed-in user and their township. Agents do not belong on the workbench. */
export async function loadFrame(): Promise<FrameState> {
  try {
    const { user } = await fetchMe('web');
    if (user.role === 'agent') {
      cached = null;
      return { kind: 'signed-out' };
    }
    if (user.role === 'county_admin') {
      cached = user.county ? { kind: 'county', frame: { user, county: user.county } } : null;
      return cached ?? { kind: 'signed-out' };
    }
    const township = await fetchTownship();
    cached = { kind: 'ready', frame: { user, township } };
    return cached;
  } catch (error) {
    if (isSignedOut(error)) {
      cached = null;
      return { kind: 'signed-out' };
    }
    return { kind: 'failed', error };
  }
}

export const ClerkFrameContext = createContext<ClerkFrame | null>(null);

/** The frame of the surrounding ClerkShell. */
export function useClerkFrame(): ClerkFrame {
  const frame = useContext(ClerkFrameContext);
  if (!frame) throw new Error('useClerkFrame outside ClerkShell');
  return frame;
}

export const CountyFrameContext = createContext<CountyFrame | null>(null);

/** The county frame when a county administrator is signed in, null for township staff. */
export function useCountyFrame(): CountyFrame | null {
  return useContext(CountyFrameContext);
}

/** The windows whose cases the user works (as the server decides): a clerk's own, every one for an admin. */
export function workedWindows(frame: ClerkFrame): Township['windows'] {
  if (frame.user.role === 'admin') return frame.township.windows;
  const own = new Set(frame.user.windows.map((w) => w.id));
  return frame.township.windows.filter((w) => own.has(w.id));
}

/** A window's name by its code (the code itself when unknown). */
export function windowName(frame: ClerkFrame, code: string): string {
  return frame.township.windows.find((w) => w.code === code)?.name ?? code;
}
