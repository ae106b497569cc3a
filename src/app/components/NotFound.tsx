import { Link } from 'wouter';
import { useDocumentTitle } from '../hooks/use-document-title';
import { zhCN } from '../messages/zh-cn';

/** Any path the router does not know. */
export function NotFound() {
  useDocumentTitle(zhCN.common.notFoundTitle);
  return (
    <main className="page page--narrow">
      <section className="card">
        <h1 className="card__title">{zhCN.common.notFoundTitle}</h1>
        <p>{zhCN.common.notFoundText}</p>
        <Link href="/" className="button button--secondary">
          {zhCN.common.backHome}
        </Link>
      </section>
    </main>
  );
}
