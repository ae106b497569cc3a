import { useCallback, useMemo, useState } from 'react';
import type { Page } from '../../../domain/case-draft';
import { neededMaterials } from '../../../domain/item-answers';
import {
  AGENT_CASE_CONTEXT,
  addPage,
  deletePage,
  movePage,
  observeThumbs,
  pagesOf,
  retakePage,
  type StoredThumb,
} from '../../../device/case-repository';
import { useFocusFromHash } from '../../hooks/use-focus-from-hash';
import { useLive } from '../../hooks/use-live';
import { zhCN } from '../../messages/zh-cn';
import type { StepProps } from './editor-context';
import { MaterialSlot } from './MaterialSlot';
import { PhotoViewer } from './PhotoViewer';
import { usePhotoCapture } from './use-photo-capture';

const t = zhCN.editor;

const noThumbs: StoredThumb[] = [];

/**
 * 材料: one slot per material this case needs (conditional ones follow the answers), photos taken one
 * at a time through the photo worker with progress; a bad file gets its message at its slot and
 * changes nothing else. Pages of materials no longer needed stay visible (and deletable) below; they
 * are not sent.
 */
export function MaterialsStep({ record, item, onSaveState }: StepProps) {
  const thumbsLive = useLive(observeThumbs, record.id);
  const thumbList = thumbsLive.status === 'ready' ? thumbsLive.value : noThumbs;
  const thumbs = useMemo(() => new Map(thumbList.map((thumb) => [thumb.id, thumb])), [thumbList]);
  const { job, errors, capture, change } = usePhotoCapture(
    {
      add: (materialKey, photo) => addPage(record.id, materialKey, photo),
      retake: (pageId, photo) => retakePage(record.id, pageId, photo),
    },
    onSaveState,
  );
  const [viewing, setViewing] = useState<{ page: Page; title: string } | null>(null);
  const closeViewer = useCallback(() => {
    setViewing(null);
  }, []);
  useFocusFromHash(true);

  const needed = neededMaterials(item, record.answers, AGENT_CASE_CONTEXT);
  const neededKeys = new Set(needed.map((m) => m.key));
  const stale = item.materials.filter(
    (m) => !neededKeys.has(m.key) && record.pages.some((p) => p.materialKey === m.key),
  );

  const slot = (material: (typeof item.materials)[number], kind: 'required' | 'optional' | 'stale') => (
    <MaterialSlot
      key={material.key}
      material={material}
      needed={kind}
      pages={pagesOf(record, material.key)}
      thumbs={thumbs}
      job={job}
      error={errors[material.key]}
      onAdd={(file) => void capture(material.key, file, null)}
      onRetake={(pageId, file) => void capture(material.key, file, pageId)}
      onMove={(pageId, direction) => void change(material.key, () => movePage(record.id, pageId, direction))}
      onDelete={(pageId) => void change(material.key, () => deletePage(record.id, pageId))}
      onView={(page, index) => {
        setViewing({ page, title: t.viewerTitle(material.name, index + 1) });
      }}
    />
  );

  return (
    <div className="materials">
      <div className="card">
        <h2 className="card__title">{t.steps.materials}</h2>
        <p className="section__hint">{t.materialsIntro}</p>
      </div>
      {needed.map((material) => slot(material, material.needed))}
      {stale.length > 0 && (
        <section className="section" aria-labelledby="stale-title">
          <h3 id="stale-title" className="section__hint">
            {t.staleMaterialsTitle}
          </h3>
          {stale.map((material) => slot(material, 'stale'))}
        </section>
      )}
      {viewing && <PhotoViewer photoId={viewing.page.id} title={viewing.title} onClose={closeViewer} />}
    </div>
  );
}
