import { caseEventPayloadSchemas } from '../../domain/case-lifecycle';
import type { CaseDetail, TimelineEntry } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import type { NoticeKind } from '../messages/zh-cn-clerk';
import { chinaDate, longChinaDate } from './china-time';

const t = zhCN.clerk.notice;

/** The body of a notice: what was decided, from the event's own payload. */
function Body({ kind, detail, entry }: { kind: NoticeKind; detail: CaseDetail; entry: TimelineEntry }) {
  const received = longChinaDate(chinaDate(detail.receivedAt));
  const item = detail.item.name;
  if (kind === 'accept') {
    const payload = caseEventPayloadSchemas.accepted.safeParse(entry.payload);
    return (
      <>
        <p className="notice-doc__para">{t.acceptBody(received, item)}</p>
        {payload.success && payload.data.deemed && <p className="notice-doc__para">{t.acceptDeemed}</p>}
        {payload.success && <p className="notice-doc__para">{t.acceptDue(longChinaDate(payload.data.dueDate))}</p>}
        {payload.success && payload.data.note && <p className="notice-doc__para">{t.note(payload.data.note)}</p>}
      </>
    );
  }
  if (kind === 'supplement') {
    const payload = caseEventPayloadSchemas.supplement_requested.safeParse(entry.payload);
    return (
      <>
        <p className="notice-doc__para">{t.supplementBody(received, item)}</p>
        {payload.success && (
          <ol className="notice-doc__list">
            {payload.data.items.map((requested) => (
              <li key={requested.materialKey}>
                <strong>{requested.name}</strong>：{requested.note}
              </li>
            ))}
          </ol>
        )}
        {payload.success && payload.data.note && <p className="notice-doc__para">{t.note(payload.data.note)}</p>}
        <p className="notice-doc__para">{t.supplementAfter}</p>
      </>
    );
  }
  const payload = caseEventPayloadSchemas.rejected.safeParse(entry.payload);
  return (
    <>
      <p className="notice-doc__para">{t.rejectBody(received, item)}</p>
      {payload.success && <p className="notice-doc__para notice-doc__reason">{payload.data.reason}</p>}
      <p className="notice-doc__para">{t.rejectRemedy}</p>
    </>
  );
}

type NoticeDocumentProps = { kind: NoticeKind; detail: CaseDetail; entry: TimelineEntry };

/** A printable written notice (Art. 32): office, title, number, applicant (masked ID), content, signature and seal. */
export function NoticeDocument({ kind, detail, entry }: NoticeDocumentProps) {
  const number = typeof entry.payload.noticeNumber === 'string' ? entry.payload.noticeNumber : '';
  const issued = longChinaDate(chinaDate(entry.at));
  return (
    <article className="notice-doc" aria-labelledby="notice-title">
      <p className="notice-doc__office">{t.office(detail.township.name)}</p>
      <h1 id="notice-title" className="notice-doc__title">
        {t.titles[kind]}
      </h1>
      {number && <p className="notice-doc__number">{t.number(number)}</p>}
      <p className="notice-doc__salutation">{t.salutation(detail.applicant.name)}</p>
      <Body kind={kind} detail={detail} entry={entry} />
      <ul className="notice-doc__facts">
        <li>{t.caseNumber(detail.caseNumber)}</li>
        <li>{t.applicantLine(detail.applicant.name, detail.applicant.idNumber)}</li>
        <li>{t.itemLine(detail.item.name)}</li>
        <li>{t.receivedLine(longChinaDate(chinaDate(detail.receivedAt)))}</li>
      </ul>
      <div className="notice-doc__sign">
        <p>
          {t.handler}
          <span className="notice-doc__line" />
        </p>
        <div className="notice-doc__seal">
          <p>{t.office(detail.township.name)}</p>
          <p>{t.seal}</p>
          <p>{issued}</p>
        </div>
      </div>
    </article>
  );
}
