import { zhCN } from '../messages/zh-cn';
import { useClerkFrame } from './clerk-frame';
import { FilterDate, FilterForm, FilterSelect } from './FilterForm';
import { activeFilterCount, type QueueView } from './queue-params';
import { useCatalogueItems } from './use-catalogue-items';

const t = zhCN.clerk.queue;

type QueueFiltersProps = { view: QueueView; onChange: (changes: Partial<QueueView>) => void };

/**
 * Village, agent, item, received-date range and the search box (办件编号 or 姓名). Choices apply at once; the
 * search applies on Enter or 搜索, not on every key. An agent filter (`agent`, an agent's user id) is
 * kept from the address, but offered only once the township lists its agents.
 */
export function QueueFilters({ view, onChange }: QueueFiltersProps) {
  const { township } = useClerkFrame();
  const items = useCatalogueItems();
  const active = activeFilterCount(view);

  return (
    <FilterForm
      label={t.filtersTitle}
      search={{
        id: 'queue-q',
        label: t.searchLabel,
        placeholder: t.searchPlaceholder,
        maxLength: 50,
        submit: t.searchSubmit,
        value: view.q,
      }}
      onSearch={(q) => {
        onChange({ q });
      }}
      active={{
        count: active,
        text: t.filtersActive(active),
        clear: t.clearFilters,
        onClear: () => {
          onChange({ village: '', item: '', agent: '', from: '', to: '', q: '' });
        },
      }}
    >
      <FilterSelect
        id="queue-village"
        label={t.village}
        value={view.village}
        all={t.allVillages}
        options={township.villages.map((village) => ({ value: village.id, label: village.name }))}
        onChange={(village) => {
          onChange({ village });
        }}
      />
      <FilterSelect
        id="queue-agent"
        label={t.agent}
        value={view.agent}
        all={t.allAgents}
        options={township.agents.map((agent) => ({ value: agent.id, label: agent.name }))}
        onChange={(agent) => {
          onChange({ agent });
        }}
      />
      <FilterSelect
        id="queue-item"
        label={t.item}
        value={view.item}
        all={t.allItems}
        options={items.map((item) => ({ value: item.code, label: item.name }))}
        keepUnknown
        onChange={(item) => {
          onChange({ item });
        }}
      />
      <FilterDate
        id="queue-from"
        label={t.from}
        value={view.from}
        max={view.to}
        onChange={(from) => {
          onChange({ from });
        }}
      />
      <FilterDate
        id="queue-to"
        label={t.to}
        value={view.to}
        min={view.from}
        onChange={(to) => {
          onChange({ to });
        }}
      />
    </FilterForm>
  );
}
