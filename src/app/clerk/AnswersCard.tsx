import type { CaseDetail } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { answerText } from './answer-text';

const t = zhCN.clerk.detail;

/** 申请信息: the answers to the item's fields, labelled as in the item version of the case. */
export function AnswersCard({ detail }: { detail: CaseDetail }) {
  const answered = detail.item.fields.flatMap((field) => {
    const text = answerText(field, detail.answers[field.key]);
    return text === null ? [] : [{ key: field.key, label: field.label, text }];
  });
  return (
    <section className="card" aria-labelledby="answers-title">
      <h2 id="answers-title" className="card__title">
        {t.answersTitle}
      </h2>
      {answered.length === 0 ? (
        <p className="muted">{t.noAnswers}</p>
      ) : (
        <dl className="facts facts--wide">
          {answered.map((a) => (
            <div key={a.key} className="facts__row">
              <dt>{a.label}</dt>
              <dd>{a.text}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
