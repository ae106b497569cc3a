import { useState } from 'react';
import { Link } from 'wouter';
import type { FollowUp } from '../../../domain/tracking';
import { zhCN } from '../../messages/zh-cn';
import { chinaDateTime } from '../china-time';
import { CallbackForm, CloseForm } from './FollowUpForms';

const t = zhCN.clerk.followUps;

function Due({ label, date, overdue, testId }: { label: string; date: string; overdue: boolean; testId: string }) {
  return (
    <p className={overdue ? 'follow-up__due follow-up__due--overdue' : 'follow-up__due'} data-testid={testId}>
      <span className="follow-up__label">{label}</span> {date}
      {overdue && <span className="tag follow-up__overdue">{t.overdue}</span>}
    </p>
  );
}

/**
 * One 回访 task: what the resident said (差评 with its rating, or 投诉), the case, who handled it, the
 * call-back and fix dates (late ones stand out), what was done so far, and the next steps: 记录回访
 * while open, 办结 while open or called back (the server allows both; the call back is expected first).
 */
export function FollowUpCard({ followUp, onChanged }: { followUp: FollowUp; onChanged: (updated: FollowUp) => void }) {
  const [form, setForm] = useState<'none' | 'callback' | 'close'>('none');
  const f = followUp;
  const late = (f.status === 'open' && f.callbackOverdue) || (f.status !== 'closed' && f.fixOverdue);
  const done = (updated: FollowUp): void => {
    setForm('none');
    onChanged(updated);
  };
  const cancel = (): void => {
    setForm('none');
  };

  return (
    <li
      className={`card follow-up follow-up--${f.status}${late ? ' follow-up--late' : ''}`}
      data-follow-up-id={f.id}
      data-status={f.status}
    >
      <div className="follow-up__head">
        <span className={`tag follow-up__kind follow-up__kind--${f.kind}`}>{t.kinds[f.kind]}</span>
        {f.satisfaction && <span className="follow-up__satisfaction">{zhCN.satisfaction[f.satisfaction]}</span>}
        <Link href={`/clerk/cases/${f.caseId}`} className="follow-up__case" data-testid="follow-up-case">
          <span className="follow-up__label">{t.caseNumber}</span> {f.caseNumber}
        </Link>
      </div>
      <dl className="facts follow-up__facts">
        <dt>{t.item}</dt>
        <dd>{f.itemName}</dd>
        <dt>{t.applicant}</dt>
        <dd>{f.applicantMasked}</dd>
        <dt>{t.window}</dt>
        <dd>{f.windowName}</dd>
        <dt>{t.agent}</dt>
        <dd>{f.agentName}</dd>
        <dt>{t.createdAt}</dt>
        <dd>{chinaDateTime(f.createdAt)}</dd>
        {f.contactPhone && (
          <>
            <dt>{t.contactPhone}</dt>
            <dd>
              <a href={`tel:${f.contactPhone}`}>{f.contactPhone}</a>
            </dd>
          </>
        )}
      </dl>
      <blockquote className="follow-up__text" data-testid="follow-up-text">
        <span className="follow-up__label">{t.text}</span>
        {f.text || t.noText}
        {f.followUpComment && <span className="follow-up__more">{t.followUpComment(f.followUpComment)}</span>}
      </blockquote>
      <div className="follow-up__dues">
        {f.calledBackAt ? (
          <p className="follow-up__done">{t.calledBack(chinaDateTime(f.calledBackAt), f.calledBackBy)}</p>
        ) : (
          <Due label={t.callbackDue} date={f.callbackDue} overdue={f.callbackOverdue} testId="follow-up-callback-due" />
        )}
        {f.closedAt ? (
          <p className="follow-up__done">{t.closed(chinaDateTime(f.closedAt), f.closedBy)}</p>
        ) : (
          <Due label={t.fixDue} date={f.fixDue} overdue={f.fixOverdue} testId="follow-up-fix-due" />
        )}
      </div>
      {f.callbackNote && <p className="follow-up__record">{t.callbackNote(f.callbackNote)}</p>}
      {f.outcome && <p className="follow-up__record">{t.outcome(f.outcome)}</p>}

      {form === 'callback' && <CallbackForm followUp={f} onDone={done} onCancel={cancel} />}
      {form === 'close' && <CloseForm followUp={f} onDone={done} onCancel={cancel} />}
      {form === 'none' && f.status !== 'closed' && (
        <div className="follow-up__actions">
          {f.status === 'open' && (
            <button
              type="button"
              className="button button--primary button--small"
              onClick={() => {
                setForm('callback');
              }}
            >
              {t.recordCallback}
            </button>
          )}
          <button
            type="button"
            className={`button button--small ${f.status === 'open' ? 'button--secondary' : 'button--primary'}`}
            onClick={() => {
              setForm('close');
            }}
          >
            {t.close}
          </button>
          <Link href={`/clerk/cases/${f.caseId}`} className="button button--secondary button--small">
            {t.openCase}
          </Link>
        </div>
      )}
    </li>
  );
}
