import { useSyncExternalStore } from 'react';
import { zhCN } from '../messages/zh-cn';
import { applyUpdate, dismissUpdate, getUpdateState, subscribeToUpdates } from '../pwa/service-worker-updates';

const t = zhCN.update;

/** A non-blocking banner announcing a new app version; it never reloads by itself. */
export function UpdatePrompt() {
  const state = useSyncExternalStore(subscribeToUpdates, getUpdateState);
  if (state.kind === 'idle') return null;

  const elsewhere = state.kind === 'activated-elsewhere';
  return (
    <aside className="update-banner" role="status" aria-live="polite">
      <div className="update-banner__text">
        <strong>{elsewhere ? t.activatedElsewhere : t.available}</strong>
        <span>{elsewhere ? t.activatedElsewhereHint : t.availableHint}</span>
      </div>
      <div className="update-banner__actions">
        <button
          type="button"
          className="button button--primary button--small"
          onClick={applyUpdate}
          disabled={state.kind === 'applying'}
        >
          {state.kind === 'applying' ? t.applying : elsewhere ? t.refresh : t.applyNow}
        </button>
        {state.kind !== 'applying' && (
          <button type="button" className="button button--ghost button--small" onClick={dismissUpdate}>
            {t.later}
          </button>
        )}
      </div>
    </aside>
  );
}
