import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { userCreateSchema, type ServiceWindow, type UserCreate, type Village } from '../../../domain/admin';
import { createUser } from '../../../device/sync-admin';
import { BusyButton } from '../../components/BusyButton';
import { zhCN } from '../../messages/zh-cn';
import { FormField } from '../FormField';
import { problemText, refusalOf } from './admin-form';
import { VillagePicker, WindowPicker } from './PlacePickers';

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
        <VillagePicker
          id="user-village"
          villages={villages}
          error={problemText(errors.villageId)}
          field={form.register('villageId', { setValueAs: (value: string) => (value === '' ? null : value) })}
          choose
        />
      ) : (
        <WindowPicker
          id="user-windows"
          windows={windows}
          error={problemText(errors.windowIds)}
          field={form.register('windowIds')}
        />
      )}
      <BusyButton busy={isSubmitting} error={failure} label={t.users.add} busyLabel={t.saving} block={false} />
    </form>
  );
}
