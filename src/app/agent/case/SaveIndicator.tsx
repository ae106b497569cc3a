import { zhCN } from '../../messages/zh-cn';
import type { SaveState } from './use-autosave';

/** 已自动保存 / 正在保存… / 已保存 / 保存失败, at the top right of a screen that edits a case. */
export function SaveIndicator({ state }: { state: SaveState }) {
  return (
    <span className={`save-status save-status--${state.kind}`} role="status" data-testid="save-status">
      {zhCN.editor.save[state.kind]}
    </span>
  );
}
