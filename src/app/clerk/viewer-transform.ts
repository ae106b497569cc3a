/**
 * The photo viewer's geometry: zoom (1 = the whole page fits), quarter turns, and panning, applied to
 * the image as one CSS transform. Pure, so the gestures (buttons, wheel, pinch, keys) share one rule set.
 */
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
export const ZOOM_STEP = 1.25;

export type ViewerTransform = { zoom: number; rotation: 0 | 90 | 180 | 270; x: number; y: number };

export const initialTransform: ViewerTransform = { zoom: 1, rotation: 0, x: 0, y: 0 };

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Zoomed by `factor`; back at 1 the page is centred again. */
export function zoomBy(t: ViewerTransform, factor: number): ViewerTransform {
  const zoom = clampZoom(t.zoom * factor);
  return zoom === MIN_ZOOM
    ? { ...t, zoom, x: 0, y: 0 }
    : { ...t, zoom, x: (t.x * zoom) / t.zoom, y: (t.y * zoom) / t.zoom };
}

const quarterTurn = { 0: 90, 90: 180, 180: 270, 270: 0 } as const satisfies Record<
  ViewerTransform['rotation'],
  ViewerTransform['rotation']
>;

/** A quarter turn clockwise, centred. */
export function rotateRight(t: ViewerTransform): ViewerTransform {
  return { ...t, rotation: quarterTurn[t.rotation], x: 0, y: 0 };
}

/** The scale at which an image of `image` size, turned by `rotation`, fits the stage (never enlarged). */
export function fitScale(
  image: { width: number; height: number },
  stage: { width: number; height: number },
  rotation: ViewerTransform['rotation'],
): number {
  if (image.width <= 0 || image.height <= 0 || stage.width <= 0 || stage.height <= 0) return 1;
  const sideways = rotation === 90 || rotation === 270;
  const w = sideways ? image.height : image.width;
  const h = sideways ? image.width : image.height;
  return Math.min(1, stage.width / w, stage.height / h);
}

/** The CSS transform for the image, centred on the stage. */
export function cssTransform(t: ViewerTransform): string {
  return `translate(-50%, -50%) translate(${t.x}px, ${t.y}px) rotate(${t.rotation}deg) scale(${t.zoom})`;
}
