/**
 * What an admin form shows for a problem: the domain schema's code in Chinese at the field, or the
 * server's refusal — at the field it names (a taken code, name or phone number) or above the button.
 */
import type { FieldError } from 'react-hook-form';
import { ApiRequestError } from '../../../device/sync-fetch';
import { describeError } from '../../messages/describe-error';
import { zhCN } from '../../messages/zh-cn';

const t = zhCN.admin;

/** The sentence at a field for a schema problem code (or the server's own sentence). */
export function problemText(
  error: { type?: FieldError['type'] | undefined; message?: string | undefined } | undefined,
): string | undefined {
  if (!error) return undefined;
  if (error.type === 'server' && error.message) return error.message;
  return (error.message && t.problems[error.message]) ?? t.invalid;
}

/** The sentence for a 409 CONFLICT on `field`: a phone number, a place code or a place name already taken. */
function takenText(field: string): string {
  if (field === 'phone') return t.users.phoneTaken;
  if (field === 'name') return t.places.nameTaken;
  return t.places.codeTaken;
}

/** A server refusal as the form shows it: `field` when it names one the form has, and the sentence. */
export function refusalOf(error: unknown, fields: readonly string[]): { field: string | null; message: string } {
  if (error instanceof ApiRequestError && error.field !== undefined && fields.includes(error.field)) {
    const message = error.code === 'CONFLICT' ? takenText(error.field) : describeError(error);
    return { field: error.field, message };
  }
  return { field: null, message: describeError(error) };
}
