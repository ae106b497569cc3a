import { ClerkShell } from './ClerkShell';
import { StatisticsScreen } from './stats/StatisticsScreen';
import './stats.css';

/** /clerk/stats — 办件统计 inside the workbench frame (a lazy route: Chart.js never reaches the agent's phone). */
export function StatisticsPage() {
  return (
    <ClerkShell section="stats">
      <StatisticsScreen />
    </ClerkShell>
  );
}
