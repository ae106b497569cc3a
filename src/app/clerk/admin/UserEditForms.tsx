import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import {
  passwordResetSchema,
  userUpdateSchema,
  type AdminUser,
  type PasswordReset,
  type ServiceWindow,
  type UserUpdate,
  type Village,
} from '../../../domain/admin';
import { resetPassword, updateUser } from '../../../device/sync-admin';
import { describeError } from '../../messages/describe-error';
import { zhCN } from '../../messages/zh-cn';
import { FormField } from '../FormField';
import { problemText } from './admin-form';
import { VillagePicker, WindowPicker } from './PlacePickers';

const t = zhCN.admin;
const updateResolver = zodResolver(userUpdateSchema);
const passwordResolver = zodResolver(passwordResetSchema);

type EditProps = {
  user: AdminUser;
  villages: Village[];
  windows: ServiceWindow[];
  onDone: () => void;
  onCancel: () => void;
};

/** 修改: the name, and an agent's village or a clerk's windows. */
export function UserEditForm({ user, villages, windows, onDone, onCancel }: EditProps) {
  const form = useForm<UserUpdate>({
    resolver: updateResolver,
    defaultValues:
      user.role === 'agent'
        ? { name: user.name, villageId: user.village?.id ?? '' }
        : { name: user.name, windowIds: user.windows.map((w) => w.id) },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (input) => {
    setFailure(null);
    try {
      await updateUser(user.id, input);
      onDone();
    } catch (error) {
      setFailure(describeError(error));
    }
  });
  return (
    <form className="card form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <FormField id={`edit-name-${user.id}`} label={t.users.name} error={problemText(errors.name)}>
        {(aria) => <input className="field__input" autoComplete="off" {...aria} {...form.register('name')} />}
      </FormField>
      {user.role === 'agent' ? (
        <VillagePicker
          id={`edit-village-${user.id}`}
          villages={villages}
          error={problemText(errors.villageId)}
          field={form.register('villageId')}
        />
      ) : (
        <WindowPicker
          id={`edit-windows-${user.id}`}
          windows={windows}
          error={problemText(errors.windowIds)}
          field={form.register('windowIds')}
        />
      )}
      {failure && (
        <p className="form__error" role="alert">
          {failure}
        </p>
      )}
      <div className="admin__row-actions">
        <button type="submit" className="button button--primary button--small" disabled={isSubmitting}>
          {isSubmitting ? t.saving : t.save}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}

/** 重置密码: a new password the administrator tells the person face to face. */
export function PasswordForm({
  user,
  onDone,
  onCancel,
}: {
  user: AdminUser;
  onDone: () => void;
  onCancel: () => void;
}) {
  const form = useForm<PasswordReset>({ resolver: passwordResolver, defaultValues: { password: '' } });
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async ({ password }) => {
    setFailure(null);
    try {
      await resetPassword(user.id, password);
      setDone(true);
    } catch (error) {
      setFailure(describeError(error));
    }
  });
  if (done) {
    return (
      <div className="card" role="status">
        <p>{t.users.passwordReset}</p>
        <button type="button" className="button button--secondary button--small" onClick={onDone}>
          {t.enrolment.close}
        </button>
      </div>
    );
  }
  return (
    <form className="card form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <FormField
        id={`password-${user.id}`}
        label={t.users.newPassword}
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
      {failure && (
        <p className="form__error" role="alert">
          {failure}
        </p>
      )}
      <div className="admin__row-actions">
        <button type="submit" className="button button--primary button--small" disabled={isSubmitting}>
          {isSubmitting ? t.saving : t.users.resetPassword}
        </button>
        <button type="button" className="button button--secondary button--small" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
