import { useState, type ChangeEvent } from 'react';
import type { Page } from '../../../domain/case-draft';
import type { Material } from '../../../domain/catalogue';
import type { StoredThumb } from '../../../device/case-repository';
import { BytesImage } from '../../components/BytesImage';
import { ConfirmBox } from '../../components/ConfirmBox';
import { zhCN } from '../../messages/zh-cn';
import { anchors } from './problem-text';

const t = zhCN.editor;

export type PhotoJob = { materialKey: string; retakeOf: string | null; fraction: number; stage: keyof typeof t.stages };

type CaptureProps = {
  label: string;
  ariaLabel: string;
  disabled: boolean;
  tone: 'primary' | 'secondary';
  onFile: (file: File) => void;
};

/** A button that opens the camera (capture="environment"); a chosen file goes to `onFile` once. */
function CaptureButton({ label, ariaLabel, disabled, tone, onFile }: CaptureProps) {
  function onChange(event: ChangeEvent<HTMLInputElement>): void {
    const file = event.target.files?.[0];
    // Cleared so that choosing the same file again (after an error) fires again.
    event.target.value = '';
    if (file) onFile(file);
  }
  return (
    <label className={`button button--${tone} button--small capture${disabled ? ' capture--disabled' : ''}`}>
      {label}
      <input
        className="visually-hidden"
        type="file"
        accept="image/*"
        capture="environment"
        aria-label={ariaLabel}
        disabled={disabled}
        onChange={onChange}
      />
    </label>
  );
}

type PageTileProps = {
  page: Page;
  index: number;
  count: number;
  materialName: string;
  thumb: StoredThumb | undefined;
  busy: boolean;
  onView: () => void;
  onRetake: (file: File) => void;
  onMove: (direction: -1 | 1) => void;
  onDelete: () => void;
};

function PageTile({
  page,
  index,
  count,
  materialName,
  thumb,
  busy,
  onView,
  onRetake,
  onMove,
  onDelete,
}: PageTileProps) {
  const [confirming, setConfirming] = useState(false);
  const label = t.pageLabel(index + 1);
  return (
    <li className="page-tile" data-page-id={page.id}>
      <button type="button" className="page-tile__thumb" onClick={onView} aria-label={`${t.view} ${label}`}>
        {thumb ? (
          <BytesImage bytes={thumb.bytes} type={thumb.type} alt={label} width={thumb.width} height={thumb.height} />
        ) : (
          <span className="page-tile__placeholder" aria-hidden="true" />
        )}
      </button>
      <div className="page-tile__body">
        <p className="page-tile__label">
          {label}
          <span className="tag tag--pending">{t.pendingVerification}</span>
        </p>
        {confirming ? (
          <ConfirmBox
            id={`delete-page-${page.id}`}
            title={t.deletePageConfirm}
            confirmLabel={t.deletePageYes}
            cancelLabel={t.deletePageNo}
            onConfirm={() => {
              setConfirming(false);
              onDelete();
            }}
            onCancel={() => {
              setConfirming(false);
            }}
          />
        ) : (
          <div className="page-tile__actions">
            <button type="button" className="button button--secondary button--small" onClick={onView}>
              {t.view}
            </button>
            <CaptureButton
              label={t.retake}
              ariaLabel={`${t.retake}：${materialName} ${label}`}
              disabled={busy}
              tone="secondary"
              onFile={onRetake}
            />
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={busy || index === 0}
              onClick={() => {
                onMove(-1);
              }}
            >
              {t.moveUp}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              disabled={busy || index === count - 1}
              onClick={() => {
                onMove(1);
              }}
            >
              {t.moveDown}
            </button>
            <button
              type="button"
              className="button button--danger-outline button--small"
              disabled={busy}
              onClick={() => {
                setConfirming(true);
              }}
            >
              {t.deletePage}
            </button>
          </div>
        )}
      </div>
    </li>
  );
}

type MaterialSlotProps = {
  material: Material;
  /** 'requested': asked for in a 补正 notice (its clerk's note goes in `clerkNote`). */
  needed: 'required' | 'optional' | 'stale' | 'requested';
  clerkNote?: string;
  pages: Page[];
  thumbs: ReadonlyMap<string, StoredThumb>;
  job: PhotoJob | null;
  error: string | undefined;
  onAdd: (file: File) => void;
  onRetake: (pageId: string, file: File) => void;
  onMove: (pageId: string, direction: -1 | 1) => void;
  onDelete: (pageId: string) => void;
  onView: (page: Page, index: number) => void;
};

const neededTags = {
  required: t.materialRequired,
  optional: t.materialOptional,
  requested: zhCN.agent.supplementTitle,
} as const;

/** One material: its pages (thumbnail, 原件待核验, view, retake, reorder, delete) and 拍照. */
export function MaterialSlot(props: MaterialSlotProps) {
  const { material, needed, clerkNote, pages, thumbs, job, error } = props;
  const mine = job?.materialKey === material.key;
  const busy = job !== null;
  const percent = mine ? Math.round(job.fraction * 100) : 0;
  return (
    <section
      className={`slot${pages.length > 0 ? ' slot--done' : ''}${needed === 'stale' ? ' slot--stale' : ''}`}
      id={anchors.material(material.key)}
      data-material={material.key}
      aria-labelledby={`${anchors.material(material.key)}-name`}
      tabIndex={-1}
    >
      <header className="slot__header">
        <h3 className="slot__name" id={`${anchors.material(material.key)}-name`}>
          {needed !== 'stale' && <span className={`tag tag--${needed}`}>{neededTags[needed]}</span>} {material.name}
        </h3>
        <p className="slot__meta">
          {zhCN.guide.originalsCopies(material.originals, material.copies)}
          {material.expectedPages > 1 && ` · ${t.expectedPages(material.expectedPages)}`}
          {pages.length > 0 && ` · ${t.pagesCount(pages.length)}`}
        </p>
        {material.note && <p className="slot__note">{material.note}</p>}
        {clerkNote && (
          <p className="slot__clerk-note" data-testid="clerk-note">
            {zhCN.supplement.whatIsWrong(clerkNote)}
          </p>
        )}
      </header>

      {pages.length > 0 && (
        <ol className="page-tiles">
          {pages.map((page, index) => (
            <PageTile
              key={page.id}
              page={page}
              index={index}
              count={pages.length}
              materialName={material.name}
              thumb={thumbs.get(page.id)}
              busy={busy}
              onView={() => {
                props.onView(page, index);
              }}
              onRetake={(file) => {
                props.onRetake(page.id, file);
              }}
              onMove={(direction) => {
                props.onMove(page.id, direction);
              }}
              onDelete={() => {
                props.onDelete(page.id);
              }}
            />
          ))}
        </ol>
      )}

      {mine && (
        <div className="progress" role="status" aria-live="polite">
          <p>
            {t.processing} {t.stages[job.stage]} {percent}%
          </p>
          <progress max={100} value={percent} />
        </div>
      )}
      {error && (
        <p className="field__error slot__error" role="alert">
          {error}
        </p>
      )}

      {needed !== 'stale' && (
        <CaptureButton
          label={pages.length === 0 ? t.addPage : t.addMorePage}
          ariaLabel={`${t.addPage}：${material.name}`}
          disabled={busy}
          tone={pages.length === 0 ? 'primary' : 'secondary'}
          onFile={props.onAdd}
        />
      )}
      {busy && !mine && <p className="slot__hint">{t.busyElsewhere}</p>}
    </section>
  );
}
