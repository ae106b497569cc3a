import { useState, type ReactNode, type SyntheticEvent } from 'react';

type SearchBox = {
  id: string;
  label: string;
  placeholder: string;
  maxLength: number;
  /** The submit button's text (搜索, 查询). */
  submit: string;
  /** The text applied now (from the address). */
  value: string | undefined;
};

type FilterFormProps = {
  /** The form's accessible name. */
  label: string;
  /** Added to `queue-filters`. */
  className?: string;
  search: SearchBox;
  /** The search box's text, trimmed, on Enter or the submit button — not on every key. */
  onSearch: (text: string) => void;
  /** How many filters narrow the view; 清除筛选 shows when any do. */
  active: { count: number; text: string; clear: string; onClear: () => void };
  /** The fields of the grid: FilterSelect, FilterDate. */
  children: ReactNode;
};

/**
 * A workbench filter form (待办队列, 审计日志): a search box applied on Enter or its button, a grid of
 * fields applied at once, and — once any filter is on — how many with 清除筛选. When the address
 * changes under it (清除筛选, the back button), the search box shows what the address says.
 */
export function FilterForm({ label, className, search, onSearch, active, children }: FilterFormProps) {
  const [typed, setTyped] = useState(search.value ?? '');
  const [shown, setShown] = useState(search.value);
  if (shown !== search.value) {
    setShown(search.value);
    setTyped(search.value ?? '');
  }
  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    onSearch(typed.trim());
  };

  return (
    <form
      className={className ? `queue-filters ${className}` : 'queue-filters'}
      role="search"
      aria-label={label}
      onSubmit={submit}
      noValidate
    >
      <div className="queue-filters__search field">
        <label className="field__label" htmlFor={search.id}>
          {search.label}
        </label>
        <div className="field__row">
          <input
            id={search.id}
            className="field__input"
            type="search"
            placeholder={search.placeholder}
            maxLength={search.maxLength}
            value={typed}
            onChange={(event) => {
              setTyped(event.target.value);
            }}
          />
          <button type="submit" className="button button--primary">
            {search.submit}
          </button>
        </div>
      </div>
      <div className="queue-filters__grid">{children}</div>
      {active.count > 0 && (
        <p className="queue-filters__active">
          <span>{active.text}</span>
          <button type="button" className="button button--ghost button--small" onClick={active.onClear}>
            {active.clear}
          </button>
        </p>
      )}
    </form>
  );
}

type FilterSelectProps = {
  id: string;
  label: string;
  value: string | undefined;
  /** The first choice, "no filter" (全部…). */
  all: string;
  options: readonly { value: string; label: string }[];
  /** Offer `value` as it is when it is not among `options` (yet): a filter from the address is kept. */
  keepUnknown?: boolean;
  /** The choice made; '' for `all`. */
  onChange: (value: string) => void;
};

/** A labelled choice of the filter grid, applied at once. */
export function FilterSelect({ id, label, value, all, options, keepUnknown = false, onChange }: FilterSelectProps) {
  const unknown = keepUnknown && value !== undefined && value !== '' && !options.some((o) => o.value === value);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__input field__input--select"
        value={value ?? ''}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      >
        <option value="">{all}</option>
        {unknown && <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

type FilterDateProps = {
  id: string;
  label: string;
  value: string | undefined;
  min?: string;
  max?: string;
  /** The date chosen (YYYY-MM-DD), '' when cleared. */
  onChange: (value: string) => void;
};

/** A labelled date of the filter grid, applied at once. */
export function FilterDate({ id, label, value, min, max, onChange }: FilterDateProps) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        type="date"
        value={value ?? ''}
        min={min}
        max={max}
        onChange={(event) => {
          onChange(event.target.value);
        }}
      />
    </div>
  );
}
