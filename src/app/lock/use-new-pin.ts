import { useState } from 'react';
import { devicePinSchema } from '../../domain/device-pin';
import { lockMessages as t } from '../messages/zh-cn-lock';

/** A new PIN typed twice (NewPinFields), with the error each field shows. */
export type NewPin = {
  pin: string;
  repeat: string;
  errors: { pin?: string; repeat?: string };
  setPin: (value: string) => void;
  setRepeat: (value: string) => void;
  /** Checks the format (the domain's devicePinSchema), then that both match; shows the first problem. @returns the PIN, or null. */
  check: () => string | null;
  /** Empties both fields (after the PIN was saved). */
  clear: () => void;
};

/** The state of a set-a-new-PIN form: 设置解锁 PIN and 修改 PIN. */
export function useNewPin(): NewPin {
  const [pin, setPin] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<NewPin['errors']>({});
  return {
    pin,
    repeat,
    errors,
    setPin,
    setRepeat,
    check() {
      if (!devicePinSchema.safeParse(pin).success) {
        setErrors({ pin: t.pinFormat });
        return null;
      }
      if (repeat !== pin) {
        setErrors({ repeat: t.pinMismatch });
        return null;
      }
      setErrors({});
      return pin;
    },
    clear() {
      setPin('');
      setRepeat('');
      setErrors({});
    },
  };
}
