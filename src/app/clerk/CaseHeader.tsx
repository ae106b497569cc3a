import { Link } from 'wouter';
import type { CaseDetail } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { chinaDate, chinaDateTime } from './china-time';
import { useClerkFrame, windowName } from './clerk-frame';
import { deadlineHeadline, deadlineTone, unloadedYearsWarning } from './deadline-text';
import { lastQueueHref } from './queue-params';
import { StatusTag } from './StatusTag';

const t = zhCN.clerk.detail;
const d = zhCN.clerk.deadline;

/** Art. 32 before acceptance, the promised date after; why the clock is paused; or when it closed. */
function Countdown({ detail }: { detail: CaseDetail }) {
  const { deadline } = detail;
  if (deadline) {
    const warning = unloadedYearsWarning(deadline);
    return (
      <div className="case-head__deadline">
        <p className={`countdown countdown--${deadlineTone(deadline)}`}>{deadlineHeadline(deadline)}</p>
        {warning && (
          <p className="deadline__warning" role="note">
            {warning}
          </p>
        )}
      </div>
    );
  }
  const text =
    detail.status === 'supplement'
      ? d.pausedSupplement
      : detail.status === 'suspended'
        ? d.pausedSuspended
        : detail.closedAt
          ? d.closedOn(chinaDate(detail.closedAt))
          : null;
  return text ? <p className="countdown countdown--muted">{text}</p> : null;
}

/** The case's 办件编号, status, countdown and the facts a clerk checks first. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const frame = useClerkFrame();
  return (
    <header className="case-head">
      <Link href={lastQueueHref()} className="back-link">
        {t.back}
      </Link>
      <div className="case-head__title">
        <h1 className="page__title">
          <span className="case-head__label">{t.caseNumber}</span> {detail.caseNumber}
        </h1>
        <StatusTag status={detail.status} />
        {detail.round > 1 && <span className="tag tag--round">{t.round(detail.round)}</span>}
      </div>
      <Countdown detail={detail} />
      <dl className="facts case-head__facts">
        <dt>{t.item}</dt>
        <dd>{detail.item.name}</dd>
        <dt>{t.window}</dt>
        <dd>{windowName(frame, detail.windowCode)}</dd>
        {detail.village && (
          <>
            <dt>{t.village}</dt>
            <dd>{detail.village}</dd>
          </>
        )}
        <dt>{t.agent}</dt>
        <dd>
          {detail.agent.name} <span className="muted">{detail.agent.phone}</span>
        </dd>
        <dt>{t.receivedAt}</dt>
        <dd>{chinaDateTime(detail.receivedAt)}</dd>
      </dl>
    </header>
  );
}
