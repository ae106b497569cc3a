import { zhCN } from '../messages/zh-cn';

/** Shown for the moment it takes to read the session or load a screen; no spinner flash. */
export function Splash() {
  return (
    <main className="splash" aria-busy="true">
      <span className="visually-hidden">{zhCN.common.loading}</span>
    </main>
  );
}
