import { Link } from 'wouter';
import type { CaseDetail } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.clerk.detail;
const tl = zhCN.clerk.timeline;

/** While the case waits for 补正: what the open notice asked for, and its printable notice. */
export function SupplementCard({ detail }: { detail: CaseDetail }) {
  const { supplement } = detail;
  if (!supplement) return null;
  const issued = detail.timeline.filter((e) => e.type === 'supplement_requested').at(-1);
  return (
    <section className="card supplement-card" aria-labelledby="supplement-title">
      <h2 id="supplement-title" className="card__title">
        {t.supplementOpenTitle}
      </h2>
      <ol className="supplement-card__items">
        {supplement.items.map((item) => (
          <li key={item.materialKey}>
            <strong>{item.name}</strong>：{item.note}
          </li>
        ))}
      </ol>
      {supplement.note && <p>{tl.note(supplement.note)}</p>}
      <p className="muted">
        {tl.supplementRound(supplement.round)} · {tl.noticeNumber(supplement.noticeNumber)}
      </p>
      {issued && (
        <Link
          href={`/clerk/cases/${detail.id}/notice/supplement?seq=${String(issued.seq)}`}
          className="timeline__notice"
        >
          {t.printNotice(zhCN.clerk.notice.titles.supplement)}
        </Link>
      )}
    </section>
  );
}
