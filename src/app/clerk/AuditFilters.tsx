import { useState, type SyntheticEvent } from 'react';
import { auditActionSchema, type AuditActor } from '../../domain/audit';
import type { AuditRequest } from '../../device/sync-audit';
import { zhCN } from '../messages/zh-cn';
import { activeAuditFilters } from './audit-view';

const t = zhCN.clerk.audit;

type AuditFiltersProps = {
  view: AuditRequest;
  actors: readonly AuditActor[];
  onChange: (changes: Partial<AuditRequest>) => void;
};

/**
 * Action, actor and dates apply at once; the subject (a 办件编号 or an id) applies on Enter or 查询.
 * An actor in the address is kept even before the list of the township's users has arrived.
 */
export function AuditFilters({ view, actors, onChange }: AuditFiltersProps) {
  const [typed, setTyped] = useState(view.subject ?? '');
  const [shown, setShown] = useState(view.subject);
  if (shown !== view.subject) {
    setShown(view.subject);
    setTyped(view.subject ?? '');
  }
  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    onChange({ subject: typed.trim() || undefined });
  };
  const actorKnown = view.actor === undefined || actors.some((a) => a.id === view.actor);

  return (
    <form
      className="queue-filters audit-filters"
      role="search"
      aria-label={t.filtersTitle}
      onSubmit={submit}
      noValidate
    >
      <div className="queue-filters__search field">
        <label className="field__label" htmlFor="audit-subject">
          {t.subject}
        </label>
        <div className="field__row">
          <input
            id="audit-subject"
            className="field__input"
            type="search"
            placeholder={t.subjectPlaceholder}
            maxLength={100}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
            }}
          />
          <button type="submit" className="button button--primary">
            {t.apply}
          </button>
        </div>
      </div>
      <div className="queue-filters__grid">
        <div className="field">
          <label className="field__label" htmlFor="audit-action">
            {t.action}
          </label>
          <select
            id="audit-action"
            className="field__input field__input--select"
            value={view.action ?? ''}
            onChange={(event) => {
              const parsed = auditActionSchema.safeParse(event.target.value);
              onChange({ action: parsed.success ? parsed.data : undefined });
            }}
          >
            <option value="">{t.allActions}</option>
            {auditActionSchema.options.map((action) => (
              <option key={action} value={action}>
                {t.actions[action]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="audit-actor">
            {t.actor}
          </label>
          <select
            id="audit-actor"
            className="field__input field__input--select"
            value={view.actor ?? ''}
            onChange={(event) => {
              onChange({ actor: event.target.value || undefined });
            }}
          >
            <option value="">{t.allActors}</option>
            {!actorKnown && view.actor !== undefined && <option value={view.actor}>{view.actor}</option>}
            {actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {`${actor.name}（${zhCN.roles[actor.role]}）`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="audit-from">
            {t.from}
          </label>
          <input
            id="audit-from"
            className="field__input"
            type="date"
            value={view.from ?? ''}
            max={view.to}
            onChange={(event) => {
              onChange({ from: event.target.value || undefined });
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="audit-to">
            {t.to}
          </label>
          <input
            id="audit-to"
            className="field__input"
            type="date"
            value={view.to ?? ''}
            min={view.from}
            onChange={(event) => {
              onChange({ to: event.target.value || undefined });
            }}
          />
        </div>
      </div>
      {activeAuditFilters(view) > 0 && (
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => {
            onChange({ action: undefined, actor: undefined, subject: undefined, from: undefined, to: undefined });
          }}
        >
          {t.clearFilters}
        </button>
      )}
    </form>
  );
}
