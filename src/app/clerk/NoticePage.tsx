import { Link, useSearch } from 'wouter';
import { useDocumentTitle } from '../hooks/use-document-title';
import { describeError } from '../messages/describe-error';
import { zhCN } from '../messages/zh-cn';
import type { NoticeKind } from '../messages/zh-cn-clerk';
import { ClerkShell } from './ClerkShell';
import { LoadFailed } from './LoadFailed';
import { NoticeDocument } from './NoticeDocument';
import { noticeEventType } from './timeline-text';
import { useCaseDetail } from './use-case-detail';

const t = zhCN.clerk.notice;
const kinds = ['accept', 'supplement', 'reject'] as const satisfies NoticeKind[];

function isNoticeKind(value: string): value is NoticeKind {
  return kinds.some((kind) => kind === value);
}

function NoticeScreen({ caseId, kind }: { caseId: string; kind: NoticeKind }) {
  useDocumentTitle(t.titles[kind]);
  const { detail, failure, reload } = useCaseDetail(caseId);
  const seq = Number(new URLSearchParams(useSearch()).get('seq'));

  const back = (
    <Link href={`/clerk/cases/${caseId}`} className="back-link">
      {t.back}
    </Link>
  );
  if (!detail) {
    return (
      <main className="page clerk-page">
        {back}
        {failure === null ? (
          <p className="queue__loading" aria-busy="true">
            {zhCN.common.loading}
          </p>
        ) : (
          <LoadFailed
            title={zhCN.clerk.detail.loadFailedTitle}
            message={describeError(failure)}
            onRetry={() => void reload()}
          />
        )}
      </main>
    );
  }

  const type = noticeEventType(kind);
  const matching = detail.timeline.filter((e) => e.type === type);
  const entry = matching.find((e) => e.seq === seq) ?? matching.at(-1);
  return (
    <main className="page clerk-page notice-page">
      <div className="notice-toolbar">
        {back}
        {entry && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => {
              window.print();
            }}
          >
            {t.print}
          </button>
        )}
      </div>
      {entry ? <NoticeDocument kind={kind} detail={detail} entry={entry} /> : <p className="card">{t.notFound}</p>}
    </main>
  );
}

/** /clerk/cases/:id/notice/:kind[?seq=N] — a printable notice (受理通知书, 补正告知书, 不予受理决定书). */
export function NoticePage({ id, kind }: { id: string; kind: string }) {
  return (
    <ClerkShell section="queue">
      {isNoticeKind(kind) ? (
        <NoticeScreen key={`${id}/${kind}`} caseId={id} kind={kind} />
      ) : (
        <main className="page clerk-page">
          <p className="card">{t.notFound}</p>
        </main>
      )}
    </ClerkShell>
  );
}
