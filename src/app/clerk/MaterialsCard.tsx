import type { CaseDetail } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import type { MaterialGroup } from './case-pages';
import { VerifyToggle } from './VerifyToggle';

const t = zhCN.clerk.detail;

type MaterialsCardProps = {
  detail: CaseDetail;
  groups: MaterialGroup[];
  onOpen: (pageId: string) => void;
  onVerified: () => Promise<void>;
};

/** 申请材料: each material's pages as thumbnails (tap for the viewer), 补正 rounds marked, 原件已核验 per page. */
export function MaterialsCard({ detail, groups, onOpen, onVerified }: MaterialsCardProps) {
  return (
    <section className="card" aria-labelledby="materials-title">
      <h2 id="materials-title" className="card__title">
        {t.materialsTitle}
      </h2>
      {groups.length === 0 && <p className="muted">{t.noPages}</p>}
      {groups.map((group) => (
        <section key={group.key} className="material" aria-labelledby={`material-${group.key}`}>
          <h3 id={`material-${group.key}`} className="material__name">
            {group.name} <span className="muted">{t.materialPages(group.pages.length)}</span>
          </h3>
          <ul className="thumbs">
            {group.pages.map((page, i) => {
              const label = t.pageAlt(group.name, i + 1);
              return (
                <li key={page.pageId} className="thumb" data-page-id={page.pageId}>
                  {page.stored ? (
                    <button
                      type="button"
                      className="thumb__open"
                      aria-label={t.openPage(group.name, i + 1)}
                      onClick={() => {
                        onOpen(page.pageId);
                      }}
                    >
                      <img src={page.url} alt={label} loading="lazy" decoding="async" className="thumb__img" />
                    </button>
                  ) : (
                    <span className="thumb__pending">{t.pageUploading}</span>
                  )}
                  <span className="thumb__meta">
                    {i + 1}
                    {page.round > 1 && <span className="tag tag--round">{t.pageRound(page.round)}</span>}
                  </span>
                  <VerifyToggle caseId={detail.id} page={page} pageLabel={label} onVerified={onVerified} />
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </section>
  );
}
