/**
 * The photos that go with the database: every blob the `blobs` table lists must be a file
 * DATA_DIR/blobs/<first two hex digits>/<sha256> of the recorded size whose bytes hash to its name.
 * With a destination DATA_DIR, each file is copied there (to a temporary name, fsynced, renamed,
 * directory fsynced — the blob store's own discipline) and the copy is read back and hashed too.
 * Part files of unfinished uploads are copied along (not verified: they are partial by nature), so a
 * phone mid-upload resumes rather than starting over.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

export type BlobRecord = { sha256: string; size: number };

export type BlobReport = {
  listed: number;
  verified: number;
  bytes: number;
  /** Blobs that failed, with why (missing, wrong size, wrong hash), at most a few named. */
  problems: string[];
  failed: number;
  /** Part files of unfinished uploads copied along (with a destination only). */
  partsCopied: number;
};

const blobPath = (dataDir: string, sha256: string) => path.join(dataDir, 'blobs', sha256.slice(0, 2), sha256);

async function sha256Of(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    if (!(chunk instanceof Buffer)) continue;
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

async function fsyncPath(target: string, flags: 'r' | 'r+'): Promise<void> {
  const handle = await fsp.open(target, flags);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Copies `from` to `to` durably: a crash leaves either no file or the whole file under `to`. */
async function copyDurably(from: string, to: string): Promise<void> {
  await fsp.mkdir(path.dirname(to), { recursive: true });
  const temporary = `${to}.moving`;
  await fsp.copyFile(from, temporary);
  await fsyncPath(temporary, 'r+');
  await fsp.rename(temporary, to);
  await fsyncPath(path.dirname(to), 'r');
}

async function checkOne(blob: BlobRecord, fromDir: string, toDir: string | undefined): Promise<string | undefined> {
  const source = blobPath(fromDir, blob.sha256);
  if (!fs.existsSync(source)) return `${blob.sha256}: missing (${source})`;
  const original = await sha256Of(source);
  if (original.size !== blob.size)
    return `${blob.sha256}: ${String(original.size)} bytes, the database says ${String(blob.size)}`;
  if (original.sha256 !== blob.sha256) return `${blob.sha256}: the bytes hash to ${original.sha256}`;
  if (toDir === undefined) return undefined;
  const destination = blobPath(toDir, blob.sha256);
  await copyDurably(source, destination);
  const copy = await sha256Of(destination);
  if (copy.sha256 !== blob.sha256 || copy.size !== blob.size)
    return `${blob.sha256}: the copy at ${destination} differs`;
  return undefined;
}

export async function checkBlobs(options: {
  blobs: readonly BlobRecord[];
  fromDir: string;
  toDir: string | undefined;
  /** Part files to copy along: ids of unfinished uploads. */
  unfinishedUploads: readonly string[];
  progress: (done: number, total: number) => void;
  concurrency?: number;
}): Promise<BlobReport> {
  const report: BlobReport = {
    listed: options.blobs.length,
    verified: 0,
    bytes: 0,
    problems: [],
    failed: 0,
    partsCopied: 0,
  };
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < options.blobs.length; i = next++) {
      const blob = options.blobs[i];
      if (!blob) continue;
      const problem = await checkOne(blob, options.fromDir, options.toDir);
      if (problem === undefined) {
        report.verified += 1;
        report.bytes += blob.size;
      } else {
        report.failed += 1;
        if (report.problems.length < 20) report.problems.push(problem);
      }
      done += 1;
      if (done % 500 === 0) options.progress(done, options.blobs.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 4 }, worker));
  if (options.toDir !== undefined) {
    for (const id of options.unfinishedUploads) {
      const part = path.join(options.fromDir, 'uploads', `${id}.part`);
      if (!fs.existsSync(part)) continue;
      await copyDurably(part, path.join(options.toDir, 'uploads', `${id}.part`));
      report.partsCopied += 1;
    }
  }
  return report;
}
