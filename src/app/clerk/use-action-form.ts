import { useEffect, useState } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldError,
  type FieldPath,
  type FieldValues,
  type Resolver,
} from 'react-hook-form';
import type { ClerkAction } from '../../domain/case-lifecycle';
import { zhCN } from '../messages/zh-cn';
import type { SubmitAction } from './action-schemas';

const problems: Record<string, string> = zhCN.clerk.actions.problems;

/**
 * The sentence at a field: the server's own words for a field it refused, else the schema's problem
 * code (REASON_REQUIRED…) in Chinese.
 */
export function fieldErrorText(error: Pick<FieldError, 'type' | 'message'> | undefined): string | undefined {
  if (!error) return undefined;
  if (error.type === 'server' && error.message) return error.message;
  return (error.message && problems[error.message]) ?? zhCN.clerk.actions.invalid;
}

type Options<T extends FieldValues, O extends ClerkAction> = {
  resolver: Resolver<T, unknown, O>;
  values: DefaultValues<T>;
  /** Called with every change, so a reload or switching forms loses nothing. */
  keep: (values: T) => void;
  submit: SubmitAction;
  /** Field names the server may name in VALIDATION_FAILED (`action.reason` → `reason`). */
  fields: readonly FieldPath<T>[];
};

/**
 * A clerk action's form: validated by the domain schema, values kept as they are typed, and the
 * server's answer shown — a failure above the submit button and, when the server names a field, at it.
 */
export function useActionForm<T extends FieldValues, O extends ClerkAction>(options: Options<T, O>) {
  const { resolver, values, keep, submit, fields } = options;
  const form = useForm<T, unknown, O>({ resolver, defaultValues: values, mode: 'onTouched' });
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const { subscribe } = form;

  useEffect(
    () =>
      subscribe({
        formState: { values: true },
        callback: ({ values: current }) => {
          keep(current);
        },
      }),
    [subscribe, keep],
  );

  const onSubmit = form.handleSubmit(async (action) => {
    setFailure(null);
    const outcome = await submit(action);
    if (outcome.ok) return;
    setFailure({ message: outcome.message, conflict: outcome.conflict ?? false });
    const named = outcome.field?.replace(/^action\./, '');
    const field = fields.find((f) => f === named);
    if (field) form.setError(field, { type: 'server', message: outcome.message });
  });

  return { form, failure, onSubmit: () => void onSubmit() };
}
