import { useState } from 'react';
import type { CasePageView } from '../../domain/workbench';
import { verifyPage } from '../../device/sync-workbench';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk.detail;

type VerifyToggleProps = {
  caseId: string;
  page: CasePageView;
  /** Label for screen readers: which page this is. */
  pageLabel: string;
  onVerified: () => Promise<void>;
  tone?: 'light' | 'dark';
};

/** 原件已核验 for one page: a button until the clerk has compared the photo with the original. */
export function VerifyToggle({ caseId, page, pageLabel, onVerified, tone = 'light' }: VerifyToggleProps) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  if (page.verification === 'verified') {
    return (
      <span className={`verified verified--${tone}`}>
        {page.verifiedBy ? t.verifiedBy(page.verifiedBy) : t.verified}
      </span>
    );
  }

  async function verify(): Promise<void> {
    setBusy(true);
    setFailure(null);
    try {
      await verifyPage(caseId, page.pageId);
      await onVerified();
    } catch (error) {
      setFailure(t.verifyFailed(describeError(error)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="verify">
      <button
        type="button"
        className={`button button--tiny ${tone === 'dark' ? 'button--on-dark' : 'button--secondary'}`}
        aria-label={`${t.markVerified}：${pageLabel}`}
        disabled={busy || !page.stored}
        onClick={() => void verify()}
      >
        {busy ? t.marking : t.markVerified}
      </button>
      {failure && (
        <span className="field__error" role="alert">
          {failure}
        </span>
      )}
    </span>
  );
}
