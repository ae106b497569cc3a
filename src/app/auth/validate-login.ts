/**
 * Checks a login form against the shared domain schema before anything is sent, and words each
 * problem for the field it belongs to. Spaces and dashes inside the phone number are dropped
 * (people type "139 0000 0011").
 */
import { loginRequestSchema, type LoginRequest } from '../../domain/auth';
import { zhCN } from '../messages/zh-cn';

export type LoginFields = { phone: string; password: string };
export type LoginFieldErrors = Partial<Record<keyof LoginFields, string>>;
export type LoginValidation = { ok: true; request: LoginRequest } | { ok: false; errors: LoginFieldErrors };

const t = zhCN.login;

/** Validates the form for a `client` login; on failure returns one message per offending field. */
export function validateLogin(fields: LoginFields, client: LoginRequest['client']): LoginValidation {
  const phone = fields.phone.replace(/[\s-]/g, '');
  const result = loginRequestSchema.safeParse({ phone, password: fields.password, client });
  if (result.success) return { ok: true, request: result.data };

  const errors: LoginFieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (field === 'phone') errors.phone ??= phone === '' ? t.phoneRequired : t.phoneInvalid;
    if (field === 'password') {
      errors.password ??= fields.password === '' ? t.passwordRequired : t.passwordTooLong;
    }
  }
  return { ok: false, errors };
}
