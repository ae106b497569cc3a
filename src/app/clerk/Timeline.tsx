import { Link } from 'wouter';
import type { CaseDetail } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { chinaDateTime } from './china-time';
import { useClerkFrame, windowName } from './clerk-frame';
import { entryText } from './timeline-text';

const t = zhCN.clerk.detail;

/** 办理记录: every event of the case in order, with who acted, the details, and its printable notice. */
export function Timeline({ detail }: { detail: CaseDetail }) {
  const frame = useClerkFrame();
  const nameOf = (code: string) => windowName(frame, code);
  const entries = [...detail.timeline].sort((a, b) => a.seq - b.seq);
  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="card__title">
        {t.timelineTitle}
      </h2>
      <ol className="timeline">
        {entries.map((entry) => {
          const text = entryText(entry, nameOf);
          return (
            <li key={entry.seq} className={`timeline__entry timeline__entry--${entry.type}`}>
              <p className="timeline__head">
                <strong className="timeline__type">{text.title}</strong>
                <time dateTime={entry.at} className="timeline__time">
                  {chinaDateTime(entry.at)}
                </time>
                <span className="timeline__actor">{text.actor}</span>
              </p>
              {text.lines.length > 0 && (
                <ul className="timeline__lines">
                  {text.lines.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              )}
              {text.notice && (
                <Link
                  href={`/clerk/cases/${detail.id}/notice/${text.notice.kind}?seq=${String(entry.seq)}`}
                  className="timeline__notice"
                >
                  {t.printNotice(zhCN.clerk.notice.titles[text.notice.kind])}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
