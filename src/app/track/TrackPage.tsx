import { Link } from 'wouter';
import { useDocumentTitle } from '../hooks/use-document-title';
import { zhCN } from '../messages/zh-cn';

const t = zhCN.track;

/** Placeholder for residents' progress lookup: says plainly that it is not open yet. */
export function TrackPage() {
  useDocumentTitle(t.title);
  return (
    <main className="page page--narrow">
      <h1 className="page__title">{t.title}</h1>
      <section className="card">
        <p>{t.comingSoon}</p>
        <p>{t.askAgent}</p>
      </section>
      <Link href="/" className="button button--secondary button--block">
        {zhCN.common.backHome}
      </Link>
    </main>
  );
}
