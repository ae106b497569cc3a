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
import { processPhoto } from '../../../device/photo-pipeline';
import { requestPersistentStorageOnce } from '../../../device/storage';
import { useFocusFromHash } from '../../hooks/use-focus-from-hash';
import { useLive } from '../../hooks/use-live';
import { zhCN } from '../../messages/zh-cn';
import type { StepProps } from './editor-context';
import { MaterialSlot, type PhotoJob } from './MaterialSlot';
import { PhotoViewer } from './PhotoViewer';
import { actionErrorText } from './problem-text';

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
  const [job, setJob] = useState<PhotoJob | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
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

  function setError(materialKey: string, message: string | undefined): void {
    setErrors((current) => ({ ...current, [materialKey]: message }));
  }

  async function capture(materialKey: string, file: File, retakeOf: string | null): Promise<void> {
    setError(materialKey, undefined);
    setJob({ materialKey, retakeOf, fraction: 0, stage: 'reading' });
    try {
      const photo = await processPhoto(file, undefined, (progress) => {
        setJob((current) => current && { ...current, fraction: progress.fraction, stage: progress.stage });
      });
      onSaveState({ kind: 'pending' });
      if (retakeOf) await retakePage(record.id, retakeOf, photo);
      else await addPage(record.id, materialKey, photo);
      onSaveState({ kind: 'saved' });
      // Persistent storage is asked for right after the first photo is kept (DESIGN §4).
      void requestPersistentStorageOnce();
    } catch (error) {
      setError(materialKey, actionErrorText(error));
      onSaveState({ kind: 'idle' });
    } finally {
      setJob(null);
    }
  }

  async function change(materialKey: string, action: () => Promise<void>): Promise<void> {
    setError(materialKey, undefined);
    try {
      await action();
      onSaveState({ kind: 'saved' });
    } catch (error) {
      setError(materialKey, actionErrorText(error));
    }
  }

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
