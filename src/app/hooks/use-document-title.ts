import { useEffect } from 'react';
import { zhCN } from '../messages/zh-cn';

/** Sets the tab / task-switcher title to "`title` · 代办通" (just 代办通 without a title). */
export function useDocumentTitle(title?: string): void {
  useEffect(() => {
    document.title = title ? `${title} · ${zhCN.appName}` : zhCN.appName;
  }, [title]);
}
