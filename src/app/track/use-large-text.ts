import { useCallback, useEffect, useState } from 'react';
import { loadLargeText, saveLargeText } from '../../device/display-preferences';

const CLASS = 'large-text';

/**
 * 大字模式: while on, the whole page's root font grows (every size is in rem), and the choice is
 * remembered on this browser. Leaving the page restores the normal size.
 */
export function useLargeText(): { on: boolean; toggle: () => void } {
  const [on, setOn] = useState(loadLargeText);

  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle(CLASS, on);
    return () => {
      root.classList.remove(CLASS);
    };
  }, [on]);

  const toggle = useCallback(() => {
    saveLargeText(!on);
    setOn(!on);
  }, [on]);

  return { on, toggle };
}
