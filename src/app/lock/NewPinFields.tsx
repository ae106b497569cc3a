import { lockMessages as t } from '../messages/zh-cn-lock';
import { PinField } from './PinField';
import type { NewPin } from './use-new-pin';

type NewPinFieldsProps = {
  form: NewPin;
  /** The two inputs' ids. */
  ids: { pin: string; repeat: string };
  /** The first field's label; the second is always 再次输入 PIN. */
  label: string;
  autoFocus?: boolean;
};

/** The new PIN and its repetition (state and checks in useNewPin). */
export function NewPinFields({ form, ids, label, autoFocus }: NewPinFieldsProps) {
  return (
    <>
      <PinField
        id={ids.pin}
        label={label}
        value={form.pin}
        onChange={form.setPin}
        error={form.errors.pin}
        autoFocus={autoFocus}
      />
      <PinField
        id={ids.repeat}
        label={t.repeatLabel}
        value={form.repeat}
        onChange={form.setRepeat}
        error={form.errors.repeat}
      />
    </>
  );
}
