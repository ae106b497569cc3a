import { useState } from 'react';
import type { ProcessedPhoto } from '../../../device/photo-pipeline';
import { processPhoto } from '../../../device/photo-pipeline';
import { requestPersistentStorageOnce } from '../../../device/storage';
import type { PhotoJob } from './MaterialSlot';
import { actionErrorText } from './problem-text';
import type { SaveState } from './use-autosave';

/** Where a processed photo is kept: a new page of a material, or a retake of a page. */
export type PhotoStore = {
  add: (materialKey: string, photo: ProcessedPhoto) => Promise<unknown>;
  retake: (pageId: string, photo: ProcessedPhoto) => Promise<unknown>;
};

/**
 * Taking photos into material slots, one at a time through the photo worker with progress; a bad
 * file or a full disk gets its message at its slot and changes nothing else. Shared by the editor's
 * 材料 step and the 补正 screen, which differ only in where the photo is kept (`store`).
 */
export function usePhotoCapture(store: PhotoStore, onSaveState: (state: SaveState) => void) {
  const [job, setJob] = useState<PhotoJob | null>(null);
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

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
      if (retakeOf) await store.retake(retakeOf, photo);
      else await store.add(materialKey, photo);
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

  return { job, errors, capture, change };
}
