import { useEffect, useRef, useState } from 'react';
import { loadPhoto, type StoredPhoto } from '../../../device/case-repository';
import { BytesImage } from '../../components/BytesImage';
import { zhCN } from '../../messages/zh-cn';

type PhotoViewerProps = { photoId: string; title: string; onClose: () => void };

/**
 * A page photo full-screen, read once from the photo store (never live-queried). Closes with its
 * button, the Escape key, or the phone's back gesture on the button's focus.
 */
export function PhotoViewer({ photoId, title, onClose }: PhotoViewerProps) {
  const [photo, setPhoto] = useState<StoredPhoto | null>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    void loadPhoto(photoId).then((loaded) => {
      if (current) setPhoto(loaded);
    });
    return () => {
      current = false;
    };
  }, [photoId]);

  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [onClose]);

  return (
    <div className="viewer" role="dialog" aria-modal="true" aria-label={title}>
      <div className="viewer__bar">
        <p className="viewer__title">{title}</p>
        <button ref={closeButton} type="button" className="button button--on-dark button--small" onClick={onClose}>
          {zhCN.editor.closeViewer}
        </button>
      </div>
      <div className="viewer__body">
        {photo && <BytesImage bytes={photo.bytes} type={photo.type} alt={title} className="viewer__image" />}
      </div>
    </div>
  );
}
