import { useEffect, useRef } from 'react';

type BytesImageProps = {
  bytes: ArrayBuffer;
  type: string;
  alt: string;
  className?: string;
  width?: number;
  height?: number;
};

/**
 * An <img> showing stored bytes through an object URL that lives exactly as long as the bytes are
 * shown (revoked on change and unmount). The URL is set on the element directly, so React state
 * never holds a URL that a cleanup already revoked.
 */
export function BytesImage({ bytes, type, alt, className, width, height }: BytesImageProps) {
  const ref = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([bytes], { type }));
    if (ref.current) ref.current.src = url;
    return () => {
      URL.revokeObjectURL(url);
    };
  }, [bytes, type]);
  return <img ref={ref} alt={alt} className={className} width={width} height={height} decoding="async" />;
}
