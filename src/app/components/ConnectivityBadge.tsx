import { useOnlineStatus } from '../hooks/use-online-status';
import { zhCN } from '../messages/zh-cn';

/** 在线 / 离线, following the browser's online and offline events. */
export function ConnectivityBadge() {
  const online = useOnlineStatus();
  return (
    <span className={`badge ${online ? 'badge--online' : 'badge--offline'}`} role="status">
      <span className="badge__dot" aria-hidden="true" />
      {online ? zhCN.connectivity.online : zhCN.connectivity.offline}
    </span>
  );
}
