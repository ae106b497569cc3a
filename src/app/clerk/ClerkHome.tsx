import { ClerkShell } from './ClerkShell';
import { QueuePage } from './QueuePage';

/** The workbench home (/clerk): the queue inside the workbench frame. */
export function ClerkHome() {
  return (
    <ClerkShell section="queue">
      <QueuePage />
    </ClerkShell>
  );
}
