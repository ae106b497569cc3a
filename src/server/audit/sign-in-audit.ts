/**
 * The audit entries of signing in and out. The phone number typed and the password never enter the
 * trail: an attempt on an existing account names the account by its user id (and its township, so that
 * the township's administrator sees it); an attempt on an unknown number names nothing at all.
 */
import type { AuditDraft } from './record-audit';
import type { Role } from '../../domain/roles';

type Account = { id: string; role: Role; township_id: string | null };

export type SignInFailure = 'unknown_account' | 'disabled' | 'wrong_password' | 'locked';

/** A successful sign-in (or a sign-out) by `user` through `client` ('web' or 'device'). */
export function signedInDraft(action: 'auth.sign_in' | 'auth.sign_out', user: Account, client: string): AuditDraft {
  return {
    action,
    actor: { id: user.id, role: user.role },
    townshipId: user.township_id,
    subject: { type: 'user', id: user.id },
    detail: { client },
  };
}

/** A refused sign-in: nobody proved who they are, so there is no actor; the account is the subject. */
export function signInFailedDraft(
  user: Account | undefined,
  client: string,
  reason: SignInFailure,
  lockedNow = false,
): AuditDraft {
  return {
    action: 'auth.sign_in_failed',
    actor: null,
    townshipId: user?.township_id ?? null,
    subject: user ? { type: 'user', id: user.id } : null,
    detail: { client, reason, ...(lockedNow ? { locked: true } : {}) },
  };
}
