import { ClerkShell } from './ClerkShell';
import { CaseScreen } from './CaseScreen';

/** /clerk/cases/:id — one case inside the workbench frame. */
export function CaseDetailPage({ id }: { id: string }) {
  return (
    <ClerkShell section="queue">
      <CaseScreen key={id} caseId={id} />
    </ClerkShell>
  );
}
