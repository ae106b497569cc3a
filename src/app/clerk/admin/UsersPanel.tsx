import { useCallback, useState } from 'react';
import type { AdminUser, ServiceWindow, Village } from '../../../domain/admin';
import { disableUser, fetchUsers, fetchVillages, fetchWindows } from '../../../device/sync-admin';
import { ConfirmBox } from '../../components/ConfirmBox';
import { EmptyState } from '../../components/EmptyState';
import { describeError } from '../../messages/describe-error';
import { zhCN } from '../../messages/zh-cn';
import { LoadFailed } from '../LoadFailed';
import { EnrolmentCodeBox } from './EnrolmentCodeBox';
import { PasswordForm, UserEditForm } from './UserEditForms';
import { UserCreateForm } from './UserCreateForm';
import { useAdminList } from './use-admin-list';

const t = zhCN.admin;

type Places = { villages: Village[]; windows: ServiceWindow[] };

async function loadPlaces(signal: AbortSignal): Promise<Places> {
  const [villages, windows] = await Promise.all([fetchVillages(signal), fetchWindows(signal)]);
  return { villages, windows };
}

/** What is open under a row: the enrolment QR code, the edit form, the password form or the 停用 question. */
type Open = { userId: string; what: 'enrol' | 'edit' | 'password' | 'disable' } | null;

function placeText(user: AdminUser): string {
  if (user.village) return user.village.name;
  return user.windows.map((w) => w.name).join('、');
}

/** 人员: every account of the township (phones masked), an add form, and what an admin does to one. */
export function UsersPanel() {
  const users = useAdminList(fetchUsers);
  const places = useAdminList(loadPlaces);
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const close = useCallback(() => {
    setOpen(null);
    setFailure(null);
  }, []);
  const changed = useCallback(() => {
    setOpen(null);
    users.reload();
  }, [users]);

  async function disable(user: AdminUser): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      await disableUser(user.id);
      changed();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  if (users.failure !== null && users.data === null) {
    return (
      <LoadFailed title={t.loadFailed} message={describeError(users.failure)} onRetry={users.reload} heading="h2" />
    );
  }
  if (users.data === null) return <p aria-busy="true">{zhCN.common.loading}</p>;
  const managed = (user: AdminUser) => (user.role === 'agent' || user.role === 'clerk') && !user.disabled;
  return (
    <section className="admin__panel" aria-label={t.users.heading}>
      {users.data.length === 0 ? (
        <EmptyState title={t.users.empty} hint={t.users.emptyHint} />
      ) : (
        <div className="queue-table-wrap">
          <table className="queue-table">
            <thead>
              <tr>
                <th scope="col">{t.users.name}</th>
                <th scope="col">{t.users.role}</th>
                <th scope="col">{t.users.phone}</th>
                <th scope="col">
                  {t.users.village} / {t.users.windows}
                </th>
                <th scope="col">{t.tabs.devices}</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {users.data.map((user) => (
                <tr key={user.id} data-user={user.name}>
                  <td>
                    {user.name}
                    {user.disabled && <span className="admin__muted">（{t.users.disabled}）</span>}
                  </td>
                  <td>{zhCN.roles[user.role]}</td>
                  <td>{user.phoneMasked}</td>
                  <td>{placeText(user)}</td>
                  <td>{user.role === 'agent' ? t.users.devices(user.activeDevices) : ''}</td>
                  <td>
                    {managed(user) && (
                      <div className="admin__row-actions">
                        {user.role === 'agent' && (
                          <button
                            type="button"
                            className="button button--primary button--small"
                            onClick={() => {
                              setOpen({ userId: user.id, what: 'enrol' });
                            }}
                          >
                            {t.users.enrol}
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => {
                            setOpen({ userId: user.id, what: 'edit' });
                          }}
                        >
                          {t.users.edit}
                        </button>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => {
                            setOpen({ userId: user.id, what: 'password' });
                          }}
                        >
                          {t.users.resetPassword}
                        </button>
                        <button
                          type="button"
                          className="button button--danger button--small"
                          onClick={() => {
                            setOpen({ userId: user.id, what: 'disable' });
                          }}
                        >
                          {t.users.disable}
                        </button>
                      </div>
                    )}
                    {open?.userId === user.id && open.what === 'enrol' && (
                      <EnrolmentCodeBox user={user} onClose={close} />
                    )}
                    {open?.userId === user.id && open.what === 'edit' && places.data && (
                      <UserEditForm user={user} {...places.data} onDone={changed} onCancel={close} />
                    )}
                    {open?.userId === user.id && open.what === 'password' && (
                      <PasswordForm user={user} onDone={close} onCancel={close} />
                    )}
                    {open?.userId === user.id && open.what === 'disable' && (
                      <ConfirmBox
                        id={`disable-${user.id}`}
                        title={t.users.disableTitle(user.name)}
                        text={failure ?? t.users.disableText}
                        confirmLabel={t.users.disableConfirm}
                        cancelLabel={t.cancel}
                        busy={busy}
                        onConfirm={() => void disable(user)}
                        onCancel={close}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {places.data && <UserCreateForm {...places.data} onCreated={users.reload} />}
    </section>
  );
}
