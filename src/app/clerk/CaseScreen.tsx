import { useEffect, useRef, useState } from 'react';
import { ItemGuide } from '../agent/ItemGuide';
import { useDocumentTitle } from '../hooks/use-document-title';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import { ActionsPanel } from './ActionsPanel';
import { AnswersCard } from './AnswersCard';
import { ApplicantCard } from './ApplicantCard';
import { CaseHeader } from './CaseHeader';
import { groupPages, pagesInOrder } from './case-pages';
import { LoadFailed } from './LoadFailed';
import { MaterialsCard } from './MaterialsCard';
import { PhotoViewer } from './PhotoViewer';
import { SignatureCard } from './SignatureCard';
import { SupplementCard } from './SupplementCard';
import { Timeline } from './Timeline';
import { useCaseDetail } from './use-case-detail';

const t = zhCN.clerk.detail;

/**
 * One case on the workbench: header with the countdown, the actions the server allows, the applicant,
 * the answers beside the item's guide (two columns from 1024 px), the materials with the photo viewer,
 * the signed authorisation and the whole timeline.
 */
export function CaseScreen({ caseId }: { caseId: string }) {
  const { detail, failure, reloading, reload, replace } = useCaseDetail(caseId);
  const [viewing, setViewing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState<{ text: string; n: number } | null>(null);
  const done = useRef<HTMLParagraphElement>(null);
  // The form that was just sent is gone: keyboard focus moves to what happened instead of the page top.
  useEffect(() => {
    if (announcement) done.current?.focus();
  }, [announcement]);
  useDocumentTitle(detail ? `${t.caseNumber} ${detail.caseNumber}` : zhCN.clerk.queueTitle);

  if (!detail) {
    return (
      <main className="page clerk-page">
        {failure === null ? (
          <p className="queue__loading" aria-busy="true">
            {zhCN.common.loading}
          </p>
        ) : (
          <LoadFailed title={t.loadFailedTitle} message={describeError(failure)} onRetry={() => void reload()} />
        )}
      </main>
    );
  }

  const groups = groupPages(detail, { signature: zhCN.clerk.actions.signatureMaterial, other: t.unknownMaterial });
  const entries = pagesInOrder(groups);

  return (
    <main className="page clerk-page case">
      <CaseHeader detail={detail} />
      <p className="visually-hidden" role="status" aria-live="polite">
        {reloading ? t.reloading : ''}
      </p>
      {failure !== null && (
        <div className="banner banner--warning" role="alert">
          {describeError(failure)}{' '}
          <button type="button" className="button button--secondary button--tiny" onClick={() => void reload()}>
            {zhCN.common.retry}
          </button>
        </div>
      )}
      {announcement && (
        <p ref={done} className="banner banner--info case__done" role="status" tabIndex={-1}>
          {announcement.text}
        </p>
      )}
      <div className="case__columns">
        <div className="case__main">
          <ActionsPanel
            detail={detail}
            onChanged={(next, message) => {
              replace(next);
              setAnnouncement((previous) => ({ text: message, n: (previous?.n ?? 0) + 1 }));
            }}
            reload={reload}
          />
          <SupplementCard detail={detail} />
          <ApplicantCard detail={detail} />
          <AnswersCard detail={detail} />
          <MaterialsCard detail={detail} groups={groups} onOpen={setViewing} onVerified={reload} />
          <SignatureCard detail={detail} />
          <Timeline detail={detail} />
        </div>
        <aside className="case__guide" aria-labelledby="guide-title">
          <h2 id="guide-title" className="card__title">
            {t.guideTitle}
          </h2>
          <p className="muted">{t.itemVersion(detail.item.code, detail.item.version)}</p>
          <ItemGuide item={detail.item} />
        </aside>
      </div>
      {viewing !== null && (
        <PhotoViewer
          caseId={detail.id}
          entries={entries}
          pageId={viewing}
          onShow={setViewing}
          onClose={() => {
            setViewing(null);
          }}
          onVerified={reload}
        />
      )}
    </main>
  );
}
