/**
 * The cases both contestants carry: submitted 老年人优待证 cases (four required materials, one photo
 * each, plus the resident's signature), made once in memory so that both face byte-identical work.
 * `queueOnPhone` writes them into the phone's outbox (Dexie on fake-indexeddb) as the app would.
 */
import { createHash, randomBytes } from 'node:crypto';
import { serviceItemSchema } from '../../src/domain/catalogue';
import { caseSubmissionSchema } from '../../src/domain/case-submission';
import { newId } from '../../src/domain/ids';
import { neededMaterials } from '../../src/domain/item-answers';
import { newReceiptCode } from '../../src/domain/receipt-code';
import { getDatabase, type CaseRecord, type StoredPhoto } from '../../src/device/db';
import { seedItems } from '../../src/server/catalogue/seed-items';
import { applicantWang, jpeg, jpegPage, png, sha256, toArrayBuffer } from '../../test/integration/phone-fixtures';

const item = serviceItemSchema.parse(seedItems.find((i) => i.name === '老年人优待证'));
const answers = { applyType: '首次申领' };
export const SIGNATURE_BYTES = 900;

export type BenchImage = { id: string; bytes: Uint8Array; type: 'image/jpeg' | 'image/png'; sha256: string };

export type BenchCase = {
  record: CaseRecord;
  /** The page photos, then the signature. */
  images: BenchImage[];
  /** The case document exactly as the phone's engine sends it (PUT /api/cases/:id). */
  documentJson: string;
};

function image(bytes: Uint8Array, type: BenchImage['type']): BenchImage {
  return { id: newId(), bytes, type, sha256: sha256(bytes) };
}

/** `count` submitted cases, each with one `photoBytes` JPEG per required material and a signature. */
export function makeCases(count: number, photoBytes: number): BenchCase[] {
  const materials = neededMaterials(item, answers, { proxy: true }).filter((m) => m.needed === 'required');
  const cases: BenchCase[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = newId();
    const photos = materials.map(() => image(jpeg(photoBytes), 'image/jpeg'));
    const signature = image(png(SIGNATURE_BYTES), 'image/png');
    const submittedAt = new Date(Date.UTC(2026, 10, 25, 1, 0, i)).toISOString();
    const trackSecret = randomBytes(16).toString('base64url');
    const record: CaseRecord = {
      id,
      itemCode: item.code,
      itemVersion: item.version,
      status: 'outbox',
      applicant: applicantWang(),
      answers,
      pages: materials.map((m, p) => {
        const photo = photos[p]!;
        return jpegPage({ id: photo.id, size: photo.bytes.length, sha256: photo.sha256 }, m.key, submittedAt);
      }),
      signature: { imageId: signature.id, sha256: signature.sha256, signerName: '王秀英', signedAt: submittedAt },
      receiptCode: newReceiptCode(),
      trackSecret,
      createdAt: submittedAt,
      updatedAt: submittedAt,
      submittedAt,
      agentId: '',
    };
    const document = caseSubmissionSchema.parse({
      itemCode: record.itemCode,
      itemVersion: record.itemVersion,
      applicant: record.applicant,
      answers: record.answers,
      pages: record.pages,
      signature: record.signature,
      receiptCode: record.receiptCode,
      trackSecretHash: createHash('sha256').update(trackSecret, 'utf8').digest('hex'),
      submittedAt,
    });
    cases.push({ record, images: [...photos, signature], documentJson: JSON.stringify(document) });
  }
  return cases;
}

/** What must cross the link at the very least: every image and every case document once. */
export function payloadBytes(cases: readonly BenchCase[]): number {
  return cases.reduce(
    (sum, c) => sum + Buffer.byteLength(c.documentJson) + c.images.reduce((s, i) => s + i.bytes.length, 0),
    0,
  );
}

/** Puts the cases into `agentId`'s outbox on the phone, photos in the photo store, as submitting would. */
export async function queueOnPhone(cases: readonly BenchCase[], agentId: string): Promise<void> {
  const db = getDatabase();
  for (const c of cases) {
    const photos: StoredPhoto[] = c.images.map((i) => ({
      id: i.id,
      caseId: c.record.id,
      bytes: toArrayBuffer(i.bytes),
      type: i.type,
      size: i.bytes.length,
      sha256: i.sha256,
    }));
    await db.transaction('rw', [db.cases, db.photos], async () => {
      await db.cases.add({ ...structuredClone(c.record), agentId });
      await db.photos.bulkAdd(photos);
    });
  }
}
