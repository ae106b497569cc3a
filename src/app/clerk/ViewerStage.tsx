import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { zhCN } from '../messages/zh-cn';
import { cssTransform, fitScale, ZOOM_STEP, type ViewerTransform } from './viewer-transform';

const t = zhCN.clerk.viewer;

type ViewerStageProps = {
  src: string;
  alt: string;
  transform: ViewerTransform;
  onTransform: (update: (current: ViewerTransform) => ViewerTransform) => void;
  onZoom: (factor: number) => void;
};

type Size = { width: number; height: number };
type Gesture =
  | { kind: 'pan'; startX: number; startY: number; from: ViewerTransform }
  | { kind: 'pinch'; startDistance: number; from: ViewerTransform };

/**
 * The full-resolution image on a dark stage: fitted to it whatever the turn, zoomed by wheel, pinch
 * or double-click, dragged to look around when zoomed. All of it is one CSS transform.
 */
export function ViewerStage({ src, alt, transform, onTransform, onZoom }: ViewerStageProps) {
  const stage = useRef<HTMLDivElement>(null);
  const [stageSize, setStageSize] = useState<Size>({ width: 0, height: 0 });
  const [natural, setNatural] = useState<Size>({ width: 0, height: 0 });
  const [failed, setFailed] = useState(false);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<Gesture | null>(null);

  useEffect(() => {
    const element = stage.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setStageSize({ width: entry.contentRect.width, height: entry.contentRect.height });
    });
    observer.observe(element);
    // React's wheel listener is passive: a zoom must stop the page from scrolling, so listen directly.
    const onWheel = (event: WheelEvent): void => {
      event.preventDefault();
      onZoom(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP);
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => {
      observer.disconnect();
      element.removeEventListener('wheel', onWheel);
    };
  }, [onZoom]);

  const distance = (): number => {
    const [a, b] = [...pointers.current.values()];
    return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
  };

  const start = (): void => {
    const points = [...pointers.current.values()];
    const first = points[0];
    if (points.length >= 2) gesture.current = { kind: 'pinch', startDistance: distance(), from: transform };
    else if (first) gesture.current = { kind: 'pan', startX: first.x, startY: first.y, from: transform };
    else gesture.current = null;
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    start();
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
    if (!pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'pinch' && g.startDistance > 0) {
      const factor = distance() / g.startDistance;
      onTransform(() => ({ ...g.from, zoom: Math.min(8, Math.max(1, g.from.zoom * factor)) }));
    } else if (g.kind === 'pan' && g.from.zoom > 1) {
      const dx = event.clientX - g.startX;
      const dy = event.clientY - g.startY;
      onTransform((current) => ({ ...current, x: g.from.x + dx, y: g.from.y + dy }));
    }
  };

  const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
    pointers.current.delete(event.pointerId);
    start();
  };

  const scale = fitScale(natural, stageSize, transform.rotation);
  return (
    <div
      ref={stage}
      className={`photo-viewer__stage${transform.zoom > 1 ? ' photo-viewer__stage--zoomed' : ''}`}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onDoubleClick={() => {
        onZoom(transform.zoom > 1 ? 1 / transform.zoom : 2);
      }}
    >
      {failed ? (
        <p className="photo-viewer__failed" role="alert">
          {t.loadFailed}
        </p>
      ) : (
        <img
          src={src}
          alt={alt}
          className="photo-viewer__img"
          draggable={false}
          style={{
            width: natural.width ? natural.width * scale : undefined,
            height: natural.height ? natural.height * scale : undefined,
            transform: cssTransform(transform),
            visibility: natural.width ? 'visible' : 'hidden',
          }}
          onLoad={(event) => {
            setNatural({ width: event.currentTarget.naturalWidth, height: event.currentTarget.naturalHeight });
          }}
          onError={() => {
            setFailed(true);
          }}
        />
      )}
    </div>
  );
}
