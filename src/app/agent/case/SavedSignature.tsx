import { useEffect, useState } from 'react';
import { loadPhoto, type StoredPhoto } from '../../../device/case-repository';
import { BytesImage } from '../../components/BytesImage';
import { zhCN } from '../../messages/zh-cn';

/** A signature kept on the phone, read once from the photo store (never live-queried). */
export function SavedSignature({ imageId }: { imageId: string }) {
  const [photo, setPhoto] = useState<StoredPhoto | null>(null);
  useEffect(() => {
    let current = true;
    void loadPhoto(imageId).then((loaded) => {
      if (current) setPhoto(loaded);
    });
    return () => {
      current = false;
    };
  }, [imageId]);
  if (!photo) return <div className="signature__saved signature__saved--loading" />;
  return (
    <BytesImage bytes={photo.bytes} type={photo.type} alt={zhCN.editor.signatureAlt} className="signature__saved" />
  );
}
