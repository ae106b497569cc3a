import { ClerkShell } from './ClerkShell';
import { FollowUpsScreen } from './follow-ups/FollowUpsScreen';
import './follow-ups/follow-ups.css';

/** /clerk/follow-ups — 群众回访 inside the workbench frame (online-only clerk code, not precached on phones). */
export function FollowUpsPage() {
  return (
    <ClerkShell section="follow-ups">
      <FollowUpsScreen />
    </ClerkShell>
  );
}
