import type { UseFormRegisterReturn } from 'react-hook-form';
import type { ServiceWindow, Village } from '../../../domain/admin';
import { zhCN } from '../../messages/zh-cn';
import { FormField } from '../FormField';

const t = zhCN.admin.users;

type VillagePickerProps = {
  id: string;
  villages: Village[];
  error: string | undefined;
  /** The form's registration of the village id. */
  field: UseFormRegisterReturn;
  /** Starts with 请选择 (an empty value), for a new agent who has no village yet. */
  choose?: boolean;
};

/** 所在村: an agent's village, chosen among the township's. */
export function VillagePicker({ id, villages, error, field, choose = false }: VillagePickerProps) {
  return (
    <FormField id={id} label={t.village} error={error}>
      {(aria) => (
        <select className="field__input field__input--select" {...aria} {...field}>
          {choose && <option value="">{t.chooseVillage}</option>}
          {villages.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

type WindowPickerProps = {
  id: string;
  windows: ServiceWindow[];
  error: string | undefined;
  /** The form's registration of the window ids (one checkbox each). */
  field: UseFormRegisterReturn;
};

/** 负责窗口: a clerk's windows, a checkbox for each of the township's; the error describes the group. */
export function WindowPicker({ id, windows, error, field }: WindowPickerProps) {
  const errorId = `${id}-error`;
  return (
    <fieldset className="admin__checks" aria-describedby={error ? errorId : undefined}>
      <legend className="field__label">{t.windows}</legend>
      {windows.map((w) => (
        <label key={w.id}>
          <input type="checkbox" value={w.id} {...field} /> {w.name}
        </label>
      ))}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
