import type { StorageStatus } from '../../device/storage';
import { zhCN } from '../messages/zh-cn';

/** The banner shown while less than 200 MB are free (on the home and in settings). */
export function StorageWarning({ status }: { status: StorageStatus | null }) {
  if (!status?.low || status.free === null) return null;
  return (
    <p className="banner banner--warning" role="alert">
      {zhCN.settings.lowStorage(zhCN.settings.bytes(status.free))}
    </p>
  );
}
