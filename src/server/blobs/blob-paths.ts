import path from 'node:path';

/** Where the store keeps its files under DATA_DIR: part files by upload id, blobs by SHA-256. */
export type BlobPaths = {
  uploadsDir: string;
  blobsDir: string;
  part: (uploadId: string) => string;
  blob: (sha256: string) => string;
};

export function blobPaths(dataDir: string): BlobPaths {
  const uploadsDir = path.join(dataDir, 'uploads');
  const blobsDir = path.join(dataDir, 'blobs');
  return {
    uploadsDir,
    blobsDir,
    part: (uploadId) => path.join(uploadsDir, `${uploadId}.part`),
    blob: (sha256) => path.join(blobsDir, sha256.slice(0, 2), sha256),
  };
}
