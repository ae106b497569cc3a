import { useRef, useState, type SubmitEvent } from 'react';
import { Link, Redirect, useLocation } from 'wouter';
import type { LoginRequest } from '../../domain/auth';
import type { Role } from '../../domain/roles';
import { requestPersistentStorage } from '../../device/storage';
import { login } from '../../device/sync-auth';
import { refreshCatalogue } from '../../device/sync-catalogue';
import { useDocumentTitle } from '../hooks/use-document-title';
import { describeError, type ErrorContext } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import { useDeviceSession } from '../session/use-device-session';
import { validateLogin, type LoginFieldErrors } from './validate-login';

export type LoginPortal = 'agent' | 'clerk';

type PortalConfig = {
  title: string;
  intro: string;
  client: LoginRequest['client'];
  roles: readonly Role[];
  home: string;
  errorContext: ErrorContext;
};

const t = zhCN.login;

const portals = {
  agent: {
    title: t.agentTitle,
    intro: t.agentIntro,
    client: 'device',
    roles: ['agent'],
    home: '/agent',
    errorContext: 'agent-login',
  },
  clerk: {
    title: t.clerkTitle,
    intro: t.clerkIntro,
    client: 'web',
    roles: ['clerk', 'admin', 'county_admin'],
    home: '/clerk',
    errorContext: 'clerk-login',
  },
} satisfies Record<LoginPortal, PortalConfig>;

type LoginPageProps = { portal: LoginPortal };

/**
 * Phone + password sign-in. Agents sign in as a device (the session is stored on the phone);
 * clerks and admins get a browser cookie session.
 */
export function LoginPage({ portal }: LoginPageProps) {
  const config: PortalConfig = portals[portal];
  useDocumentTitle(config.title);
  const [, navigate] = useLocation();
  const session = useDeviceSession();
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<LoginFieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const phoneInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  if (portal === 'agent' && session.status === 'ready' && session.value?.user.role === 'agent') {
    return <Redirect to="/agent" replace />;
  }

  async function submit(): Promise<void> {
    if (submitting) return;
    setFormError(null);
    const validation = validateLogin({ phone, password }, config.client);
    if (!validation.ok) {
      setFieldErrors(validation.errors);
      (validation.errors.phone ? phoneInput : passwordInput).current?.focus();
      return;
    }
    setFieldErrors({});
    setSubmitting(true);
    try {
      await login(validation.request, config.roles);
      if (portal === 'agent') {
        void requestPersistentStorage();
        // The catalogue is what the agent works from offline: fetch it while the signal is here.
        void refreshCatalogue();
      }
      navigate(config.home, { replace: true });
    } catch (error) {
      setFormError(describeError(error, config.errorContext));
      setSubmitting(false);
    }
  }

  function onSubmit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    void submit();
  }

  return (
    <main className="page page--narrow">
      <Link href="/" className="back-link">
        {zhCN.common.backHome}
      </Link>
      <h1 className="page__title">{config.title}</h1>
      <p className="page__intro">{config.intro}</p>

      <form className="card form" onSubmit={onSubmit} noValidate aria-busy={submitting}>
        <div className="field">
          <label className="field__label" htmlFor="login-phone">
            {t.phoneLabel}
          </label>
          <input
            ref={phoneInput}
            id="login-phone"
            name="phone"
            className="field__input"
            type="tel"
            inputMode="numeric"
            autoComplete="username"
            placeholder={t.phonePlaceholder}
            value={phone}
            onChange={(event) => {
              setPhone(event.target.value);
              setFieldErrors((errors) => ({ ...errors, phone: undefined }));
            }}
            aria-invalid={fieldErrors.phone ? true : undefined}
            aria-describedby={fieldErrors.phone ? 'login-phone-error' : undefined}
          />
          {fieldErrors.phone && (
            <p id="login-phone-error" className="field__error">
              {fieldErrors.phone}
            </p>
          )}
        </div>

        <div className="field">
          <label className="field__label" htmlFor="login-password">
            {t.passwordLabel}
          </label>
          <div className="field__row">
            <input
              ref={passwordInput}
              id="login-password"
              name="password"
              className="field__input"
              type={showPassword ? 'text' : 'password'}
              autoComplete="current-password"
              value={password}
              onChange={(event) => {
                setPassword(event.target.value);
                setFieldErrors((errors) => ({ ...errors, password: undefined }));
              }}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={fieldErrors.password ? 'login-password-error' : undefined}
            />
            <button
              type="button"
              className="field__toggle"
              aria-label={t.passwordVisibility}
              aria-pressed={showPassword}
              onClick={() => {
                setShowPassword((shown) => !shown);
              }}
            >
              {showPassword ? t.hidePassword : t.showPassword}
            </button>
          </div>
          {fieldErrors.password && (
            <p id="login-password-error" className="field__error">
              {fieldErrors.password}
            </p>
          )}
        </div>

        {formError && (
          <p className="form__error" role="alert">
            {formError}
          </p>
        )}

        <button type="submit" className="button button--primary button--block" disabled={submitting}>
          {submitting && <span className="spinner" aria-hidden="true" />}
          {submitting ? t.submitting : t.submit}
        </button>
      </form>
      {portal === 'agent' && (
        <p className="page__intro">
          <Link href="/enrol">{zhCN.enrol.loginLink}</Link>
        </p>
      )}
    </main>
  );
}
