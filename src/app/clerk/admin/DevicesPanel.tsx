import { useState } from 'react';
import type { Device } from '../../../domain/admin';
import { fetchDevices, revokeDevice } from '../../../device/sync-admin';
import { ConfirmBox } from '../../components/ConfirmBox';
import { EmptyState } from '../../components/EmptyState';
import { describeError } from '../../messages/describe-error';
import { zhCN } from '../../messages/zh-cn';
import { chinaDateTime } from '../china-time';
import { LoadFailed } from '../LoadFailed';
import { useAdminList } from './use-admin-list';

const t = zhCN.admin.devices;

/** 设备: every phone of the township with its state; 停用 (after a confirmation) on one in use. */
export function DevicesPanel() {
  const list = useAdminList(fetchDevices);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function revoke(device: Device): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      await revokeDevice(device.id);
      setConfirming(null);
      list.reload();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  if (list.failure !== null && list.data === null) {
    return (
      <LoadFailed
        title={zhCN.admin.loadFailed}
        message={describeError(list.failure)}
        onRetry={list.reload}
        heading="h2"
      />
    );
  }
  if (list.data === null) return <p aria-busy="true">{zhCN.common.loading}</p>;
  if (list.data.length === 0) return <EmptyState title={t.empty} hint={t.emptyHint} />;
  return (
    <section className="admin__panel" aria-label={t.heading}>
      <div className="queue-table-wrap">
        <table className="queue-table">
          <thead>
            <tr>
              <th scope="col">{t.agent}</th>
              <th scope="col">{t.label}</th>
              <th scope="col">{t.enrolled}</th>
              <th scope="col">{t.lastSeen}</th>
              <th scope="col">{t.state}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {list.data.map((device) => (
              <tr key={device.id} data-device={device.id}>
                <td>{device.agent.name}</td>
                <td>{device.label || t.passwordLabel}</td>
                <td>{chinaDateTime(device.enrolledAt)}</td>
                <td>{device.lastSeenAt ? chinaDateTime(device.lastSeenAt) : t.never}</td>
                <td data-state={device.state}>{t.states[device.state]}</td>
                <td>
                  {device.state === 'active' && confirming !== device.id && (
                    <button
                      type="button"
                      className="button button--danger button--small"
                      onClick={() => {
                        setFailure(null);
                        setConfirming(device.id);
                      }}
                    >
                      {t.revoke}
                    </button>
                  )}
                  {confirming === device.id && (
                    <ConfirmBox
                      id={`revoke-${device.id}`}
                      title={t.revokeTitle(device.agent.name)}
                      text={failure ?? t.revokeText}
                      confirmLabel={t.revokeConfirm}
                      cancelLabel={zhCN.admin.cancel}
                      busy={busy}
                      onConfirm={() => void revoke(device)}
                      onCancel={() => {
                        setConfirming(null);
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
