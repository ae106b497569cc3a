/** Turns a failure from device/ into the sentence a user sees (texts from the zh-CN catalogue). */
import { RoleMismatchError } from '../../device/sync-auth';
import { ApiRequestError, NetworkError } from '../../device/sync-fetch';
import { zhCN } from './zh-cn';

export type ErrorContext = 'agent-login' | 'clerk-login' | 'general';

/** Whole minutes to wait, rounded up and at least 1 ("请 0 分钟后再试" would read as a bug). */
function minutesToWait(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/** The message for `error` as seen from `context` (a login screen words some failures its own way). */
export function describeError(error: unknown, context: ErrorContext = 'general'): string {
  if (error instanceof RoleMismatchError) {
    return error.role === 'agent' ? zhCN.login.notClerk : zhCN.login.notAgent;
  }
  if (error instanceof NetworkError) {
    if (error.reason === 'timeout') return zhCN.login.timeout;
    if (context === 'agent-login') return zhCN.login.offlineAgent;
    if (context === 'clerk-login') return zhCN.login.offlineClerk;
    return zhCN.common.offline;
  }
  if (error instanceof ApiRequestError) {
    const wait = error.retryAfterSeconds;
    if (error.code === 'AUTH_LOCKED' && wait !== undefined) return zhCN.login.lockedFor(minutesToWait(wait));
    if (error.code === 'RATE_LIMITED' && wait !== undefined) {
      return zhCN.login.rateLimitedFor(minutesToWait(wait));
    }
    if (error.code === 'FORBIDDEN' && context === 'agent-login') return zhCN.login.notAgent;
    if (error.code === 'FORBIDDEN' && context === 'clerk-login') return zhCN.login.notClerk;
    return zhCN.errors[error.code];
  }
  return zhCN.errors.INTERNAL;
}
