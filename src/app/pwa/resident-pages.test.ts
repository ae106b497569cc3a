import { describe, expect, it } from 'vitest';
import { registersServiceWorker } from './resident-pages';

describe('which pages install the service worker', () => {
  it('the app registers it; the resident progress page does not', () => {
    expect(registersServiceWorker('/')).toBe(true);
    expect(registersServiceWorker('/agent')).toBe(true);
    expect(registersServiceWorker('/clerk/follow-ups')).toBe(true);
    expect(registersServiceWorker('/track')).toBe(false);
    expect(registersServiceWorker('/track/')).toBe(false);
    expect(registersServiceWorker('/tracking')).toBe(true);
  });
});
