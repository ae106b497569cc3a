import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { userCreateSchema, type ServiceWindow, type UserCreate, type Village } from '../../../domain/admin';
import { createUser } from '../../../device/sync-admin';
import { zhCN } from '../../messages/zh-cn';
import { FormField } from '../FormField';
import { problemText, refusalOf } from './admin-form';

const t = zhCN.admin;
const resolver = zodResolver(userCreateSchema);
const FIELDS = ['role', 'name', 'phone', 'password', 'villageId', 'windowIds'] as const;
const empty: UserCreate = { role: 'agent', name: '', phone: '', password: '', villageId: null, windowIds: [] };

type Props = { villages: Village[]; windows: ServiceWindow[]; onCreated: () => void };

/** 添加人员: an agent with a village, or a clerk with windows, and a first password. */
export function UserCreateForm({ villages, windows, onCreated }: Props) {
  const form = useForm<UserCreate, unknown, z.output<typeof userCreateSchema>>({
    resolver,
    defaultValues: empty,
    mode: 'onTouched',
  });
  const [failure, setFailure] = useState<string | null>(null);
  const { errors, isSubmitting } = form.formState;
  const role = useWatch({ control: form.control, name: 'role' });
  const onSubmit = form.handleSubmit(async (input) => {
    setFailure(null);
    try {
      await createUser(input);
      form.reset(empty);
      onCreated();
    } catch (error) {
      const refusal = refusalOf(error, FIELDS);
      const field = FIELDS.find((f) => f === refusal.field);
      if (field) form.setError(field, { type: 'server', message: refusal.message });
      else setFailure(refusal.message);
    }
  });
  return (
    <form className="card form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h2 className="card__title">{t.users.add}</h2>
      <fieldset className="admin__checks">
        <legend className="field__label">{t.users.role}</legend>
        {(['agent', 'clerk'] as const).map((each) => (
          <label key={each}>
            <input type="radio" value={each} {...form.register('role')} /> {t.users.roles[each]}
          </label>
        ))}
      </fieldset>
      <FormField id="user-name" label={t.users.name} error={problemText(errors.name)}>
        {(aria) => <input className="field__input" autoComplete="off" {...aria} {...form.register('name')} />}
      </FormField>
      <FormField id="user-phone" label={t.users.phone} error={problemText(errors.phone)}>
        {(aria) => (
          <input
            className="field__input"
            type="tel"
            inputMode="numeric"
            autoComplete="off"
            {...aria}
            {...form.register('phone')}
          />
        )}
      </FormField>
      <FormField
        id="user-password"
        label={t.users.password}
        hint={t.users.passwordHint}
        error={problemText(errors.password)}
      >
        {(aria) => (
          <input
            className="field__input"
            type="text"
            autoComplete="new-password"
            {...aria}
            {...form.register('password')}
          />
        )}
      </FormField>
      {role === 'agent' ? (
        <FormField id="user-village" label={t.users.village} error={problemText(errors.villageId)}>
          {(aria) => (
            <select
              className="field__input field__input--select"
              {...aria}
              {...form.register('villageId', { setValueAs: (value: string) => (value === '' ? null : value) })}
            >
              <option value="">{t.users.chooseVillage}</option>
              {villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      ) : (
        <fieldset className="admin__checks" aria-describedby={errors.windowIds ? 'user-windows-error' : undefined}>
          <legend className="field__label">{t.users.windows}</legend>
          {windows.map((w) => (
            <label key={w.id}>
              <input type="checkbox" value={w.id} {...form.register('windowIds')} /> {w.name}
            </label>
          ))}
          {errors.windowIds && (
            <p id="user-windows-error" className="field__error">
              {problemText(errors.windowIds)}
            </p>
          )}
        </fieldset>
      )}
      {failure && (
        <p className="form__error" role="alert">
          {failure}
        </p>
      )}
      <button type="submit" className="button button--primary" disabled={isSubmitting}>
        {isSubmitting ? t.saving : t.users.add}
      </button>
    </form>
  );
}
