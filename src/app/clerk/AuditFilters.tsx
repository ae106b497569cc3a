import { AUDIT_NO_TOWNSHIP, auditActionSchema, type AuditActor, type AuditTownship } from '../../domain/audit';
import type { AuditRequest } from '../../device/sync-audit';
import { zhCN } from '../messages/zh-cn';
import { activeAuditFilters } from './audit-view';
import { FilterDate, FilterForm, FilterSelect } from './FilterForm';

const t = zhCN.clerk.audit;

type AuditFiltersProps = {
  view: AuditRequest;
  actors: readonly AuditActor[];
  /** The townships of the county, for a county administrator's 乡镇 filter; null: no such filter. */
  townships: readonly AuditTownship[] | null;
  onChange: (changes: Partial<AuditRequest>) => void;
};

/**
 * Township (county administrator), action, actor and dates apply at once; the subject (a 办件编号 or an
 * id) applies on Enter or 查询. An actor in the address is kept even before the list of users has
 * arrived. Across the county, an actor is named with their township.
 */
export function AuditFilters({ view, actors, townships, onChange }: AuditFiltersProps) {
  const active = activeAuditFilters(view);
  const townshipName = new Map((townships ?? []).map((township) => [township.id, township.name]));
  const actorLabel = (actor: AuditActor): string => {
    const place = townships === null || actor.townshipId === null ? undefined : townshipName.get(actor.townshipId);
    return place === undefined
      ? `${actor.name}（${zhCN.roles[actor.role]}）`
      : `${actor.name}（${zhCN.roles[actor.role]}，${place}）`;
  };

  return (
    <FilterForm
      label={t.filtersTitle}
      className="audit-filters"
      search={{
        id: 'audit-subject',
        label: t.subject,
        placeholder: t.subjectPlaceholder,
        maxLength: 100,
        submit: t.apply,
        value: view.subject,
      }}
      onSearch={(subject) => {
        onChange({ subject: subject || undefined });
      }}
      active={{
        count: active,
        text: t.filtersActive(active),
        clear: t.clearFilters,
        onClear: () => {
          onChange({
            township: undefined,
            action: undefined,
            actor: undefined,
            subject: undefined,
            from: undefined,
            to: undefined,
          });
        },
      }}
    >
      {townships !== null && (
        <FilterSelect
          id="audit-township"
          label={t.township}
          value={view.township}
          all={t.allTownships}
          options={[
            ...townships.map((township) => ({ value: township.id, label: township.name })),
            { value: AUDIT_NO_TOWNSHIP, label: t.noTownship },
          ]}
          onChange={(township) => {
            onChange({ township: township || undefined });
          }}
        />
      )}
      <FilterSelect
        id="audit-action"
        label={t.action}
        value={view.action}
        all={t.allActions}
        options={auditActionSchema.options.map((action) => ({ value: action, label: t.actions[action] }))}
        onChange={(value) => {
          const parsed = auditActionSchema.safeParse(value);
          onChange({ action: parsed.success ? parsed.data : undefined });
        }}
      />
      <FilterSelect
        id="audit-actor"
        label={t.actor}
        value={view.actor}
        all={t.allActors}
        options={actors.map((actor) => ({ value: actor.id, label: actorLabel(actor) }))}
        keepUnknown
        onChange={(actor) => {
          onChange({ actor: actor || undefined });
        }}
      />
      <FilterDate
        id="audit-from"
        label={t.from}
        value={view.from}
        max={view.to}
        onChange={(from) => {
          onChange({ from: from || undefined });
        }}
      />
      <FilterDate
        id="audit-to"
        label={t.to}
        value={view.to}
        min={view.from}
        onChange={(to) => {
          onChange({ to: to || undefined });
        }}
      />
    </FilterForm>
  );
}
