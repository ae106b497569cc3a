import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useLocation } from 'wouter';
import { enrolRequestSchema, type EnrolRequest } from '../../domain/admin';
import { enrolThisPhone } from '../../device/sync-enrol';
import { problemText } from '../clerk/admin/admin-form';
import { FormField } from '../clerk/FormField';
import { BusyButton } from '../components/BusyButton';
import { useDocumentTitle } from '../hooks/use-document-title';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import { codeFromHash } from './enrol-code';
import '../agent/agent.css';

const t = zhCN.enrol;
const resolver = zodResolver(enrolRequestSchema);

/** The code from the address, read once; the fragment is then removed so it lingers nowhere. */
function takeCodeFromAddress(): string {
  const code = codeFromHash(window.location.hash);
  if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  return code;
}

/**
 * /enrol — the agent's phone redeems the one-time code from the admin screen (scanned QR code or typed)
 * and is then signed in exactly as after a password login.
 */
export function EnrolPage() {
  useDocumentTitle(t.title);
  const [, navigate] = useLocation();
  const [initialCode] = useState(takeCodeFromAddress);
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<EnrolRequest>({ resolver, defaultValues: { code: initialCode, label: '' }, mode: 'onTouched' });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (request) => {
    setFailure(null);
    try {
      await enrolThisPhone(request);
      navigate('/agent', { replace: true });
    } catch (error) {
      setFailure(describeError(error, 'agent-login'));
    }
  });

  return (
    <main className="page page--narrow">
      <h1 className="page__title">{t.title}</h1>
      <p>{t.intro}</p>
      <form className="card form" noValidate onSubmit={(event) => void onSubmit(event)}>
        <FormField id="enrol-code" label={t.code} hint={t.codeHint} error={problemText(errors.code)}>
          {(aria) => (
            <input
              className="field__input"
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              {...aria}
              {...form.register('code')}
            />
          )}
        </FormField>
        <FormField id="enrol-label" label={t.label} hint={t.labelHint} error={problemText(errors.label)}>
          {(aria) => <input className="field__input" autoComplete="off" {...aria} {...form.register('label')} />}
        </FormField>
        <BusyButton busy={isSubmitting} error={failure} label={t.submit} busyLabel={t.submitting} />
      </form>
      <p>
        <Link href="/agent/login">{t.backToLogin}</Link>
      </p>
    </main>
  );
}
