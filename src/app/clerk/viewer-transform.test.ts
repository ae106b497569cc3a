import { describe, expect, it } from 'vitest';
import { cssTransform, fitScale, initialTransform, MAX_ZOOM, rotateRight, zoomBy } from './viewer-transform';

describe('the photo viewer geometry', () => {
  it('zooms within limits and recentres when back at the whole page', () => {
    let t = zoomBy(initialTransform, 2);
    expect(t.zoom).toBe(2);
    t = { ...t, x: 40, y: -20 };
    expect(zoomBy(t, 2)).toMatchObject({ zoom: 4, x: 80, y: -40 });
    expect(zoomBy(t, 100).zoom).toBe(MAX_ZOOM);
    expect(zoomBy(t, 0.01)).toEqual({ ...initialTransform, zoom: 1 });
  });

  it('turns a quarter at a time, back to upright after four', () => {
    let t = initialTransform;
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      t = rotateRight(t);
      seen.push(t.rotation);
    }
    expect(seen).toEqual([90, 180, 270, 0]);
  });

  it('fits a portrait page turned sideways by its height', () => {
    const page = { width: 1500, height: 2000 };
    const stage = { width: 1000, height: 600 };
    expect(fitScale(page, stage, 0)).toBeCloseTo(0.3);
    expect(fitScale(page, stage, 90)).toBeCloseTo(0.4);
    expect(fitScale({ width: 100, height: 100 }, stage, 0)).toBe(1);
  });

  it('writes one CSS transform', () => {
    expect(cssTransform({ zoom: 2, rotation: 90, x: 5, y: 6 })).toBe(
      'translate(-50%, -50%) translate(5px, 6px) rotate(90deg) scale(2)',
    );
  });
});
