import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { CasePageView } from '../../domain/workbench';
import { zhCN } from '../messages/zh-cn';
import { VerifyToggle } from './VerifyToggle';
import { ViewerStage } from './ViewerStage';
import { initialTransform, rotateRight, zoomBy, ZOOM_STEP, type ViewerTransform } from './viewer-transform';

const t = zhCN.clerk.viewer;

export type ViewerEntry = { page: CasePageView; material: string; n: number };

type PhotoViewerProps = {
  caseId: string;
  entries: ViewerEntry[];
  /** The page shown. */
  pageId: string;
  onShow: (pageId: string) => void;
  onClose: () => void;
  onVerified: () => Promise<void>;
};

/**
 * The case's pages at full resolution in a modal dialog: previous/next through every page, zoom
 * (buttons, wheel, pinch, double-click), quarter turns, and 原件已核验 — all from the keyboard too
 * (← → to move, + − to zoom, R to turn, Esc to close). Each page opens fitted and upright.
 */
export function PhotoViewer({ caseId, entries, pageId, onShow, onClose, onVerified }: PhotoViewerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [view, setView] = useState<{ pageId: string; transform: ViewerTransform }>({
    pageId,
    transform: initialTransform,
  });
  const transform = view.pageId === pageId ? view.transform : initialTransform;

  const update = useCallback(
    (change: (current: ViewerTransform) => ViewerTransform) => {
      setView((v) => ({ pageId, transform: change(v.pageId === pageId ? v.transform : initialTransform) }));
    },
    [pageId],
  );
  const zoom = useCallback(
    (factor: number) => {
      update((current) => zoomBy(current, factor));
    },
    [update],
  );

  // No close() on unmount: removing the element ends the modal, and a close event fired from a
  // cleanup would reach onClose after a StrictMode re-mount and shut the viewer at once.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const index = Math.max(
    0,
    entries.findIndex((e) => e.page.pageId === pageId),
  );
  const entry = entries[index];
  const previous = entries[index - 1];
  const next = entries[index + 1];

  const goPrevious = (): void => {
    if (previous) onShow(previous.page.pageId);
  };
  const goNext = (): void => {
    if (next) onShow(next.page.pageId);
  };
  const zoomIn = (): void => {
    zoom(ZOOM_STEP);
  };
  const zoomOut = (): void => {
    zoom(1 / ZOOM_STEP);
  };
  const fit = (): void => {
    update(() => initialTransform);
  };
  const rotate = (): void => {
    update(rotateRight);
  };

  const keys: Record<string, () => void> = {
    ArrowLeft: goPrevious,
    ArrowRight: goNext,
    '+': zoomIn,
    '=': zoomIn,
    '-': zoomOut,
    '0': fit,
    r: rotate,
    R: rotate,
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>): void => {
    const action = keys[event.key];
    if (!action || event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement) return;
    event.preventDefault();
    action();
  };

  return (
    <dialog ref={dialog} className="photo-viewer" aria-label={t.label} onClose={onClose} onKeyDown={onKeyDown}>
      {entry && (
        <>
          <div className="photo-viewer__bar">
            <p className="photo-viewer__title">
              <span>{t.title(entry.material, entry.n)}</span>
              <span className="photo-viewer__counter">{t.counter(index + 1, entries.length)}</span>
            </p>
            <div className="photo-viewer__tools" role="toolbar" aria-label={t.label}>
              <button
                type="button"
                className="button button--on-dark button--tiny"
                disabled={!previous}
                onClick={goPrevious}
              >
                {t.previous}
              </button>
              <button type="button" className="button button--on-dark button--tiny" disabled={!next} onClick={goNext}>
                {t.next}
              </button>
              <button
                type="button"
                className="button button--on-dark button--tiny"
                onClick={zoomOut}
                disabled={transform.zoom <= 1}
              >
                {t.zoomOut}
              </button>
              <span className="photo-viewer__zoom" aria-live="polite">
                {t.zoomLevel(Math.round(transform.zoom * 100))}
              </span>
              <button type="button" className="button button--on-dark button--tiny" onClick={zoomIn}>
                {t.zoomIn}
              </button>
              <button type="button" className="button button--on-dark button--tiny" onClick={fit}>
                {t.fit}
              </button>
              <button type="button" className="button button--on-dark button--tiny" onClick={rotate}>
                {t.rotate}
              </button>
              <VerifyToggle
                caseId={caseId}
                page={entry.page}
                pageLabel={t.title(entry.material, entry.n)}
                onVerified={onVerified}
                tone="dark"
              />
              <button
                type="button"
                className="button button--primary button--tiny photo-viewer__close"
                onClick={() => {
                  dialog.current?.close();
                }}
              >
                {t.close}
              </button>
            </div>
          </div>
          <ViewerStage
            key={entry.page.pageId}
            src={entry.page.url}
            alt={t.title(entry.material, entry.n)}
            transform={transform}
            onTransform={update}
            onZoom={zoom}
          />
          <p className="photo-viewer__hint">{t.hint}</p>
        </>
      )}
    </dialog>
  );
}
