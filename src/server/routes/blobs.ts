/**
 * The resumable upload API (see domain/blob.ts and server/blobs/blob-store.ts). Chunks travel as
 * raw `application/octet-stream` bodies: no base64, no multipart — on a 1 Mbit/s link every
 * overhead byte is time.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import { BLOB_MAX_CHUNK_BYTES, blobStateSchema, createBlobRequestSchema } from '../../domain/blob';
import type { BlobStore, ChunkSource } from '../blobs/blob-store';
import { sniffImageType } from '../blobs/magic-bytes';
import { HttpProblem } from '../http-problem';
import { requireTownshipPrincipal } from '../plugins/auth';

const idParams = z.object({ id: z.uuid() });
const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  413: apiErrorSchema,
};

/** A phone that stops sending mid-chunk for this long has lost its link: keep what came and let go. */
const CHUNK_IDLE_MS = 30_000;

declare module 'fastify' {
  // Module augmentation needs interfaces: declaration merging is the only way to extend Fastify's types.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface FastifyRequest {
    /** A chunk upload's body, read from the moment the request arrived (readChunksEarly). */
    chunkSource: ChunkSource | null;
  }
}

const CHUNK_ROUTE = '/api/blobs/:id/chunks';

/**
 * The body as it arrives. Reading starts when the request arrives, before sign-in, rate limits and
 * the upload's row are checked (readChunksEarly): a connection that breaks meanwhile would otherwise
 * take the bytes that had arrived down with the stream. A pause longer than CHUNK_IDLE_MS, or `cancel`, ends it; the
 * pieces received so far are still handed out, then the iteration fails.
 */
function chunkSource(body: Readable, declaredLength: number | undefined): ChunkSource {
  const pieces: Uint8Array[] = [];
  let outcome: 'open' | 'ended' | Error = 'open';
  let wake: (() => void) | undefined;
  const settle = (result: 'ended' | Error) => {
    if (outcome === 'open') outcome = result;
    clearTimeout(idle);
    wake?.();
  };
  const cancel = () => {
    body.destroy();
    settle(new Error('chunk ended early'));
  };
  let idle = setTimeout(cancel, CHUNK_IDLE_MS);
  let collected = 0;
  let discard = false;
  body.on('data', (piece: unknown) => {
    if (!(piece instanceof Uint8Array) || discard) return;
    collected += piece.length;
    // More than any chunk may hold: nothing more is kept, and the chunk ends in a 413.
    if (collected > BLOB_MAX_CHUNK_BYTES) {
      discard = true;
      settle(new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `A chunk is at most ${String(BLOB_MAX_CHUNK_BYTES)} bytes`));
      return;
    }
    pieces.push(piece);
    clearTimeout(idle);
    idle = setTimeout(cancel, CHUNK_IDLE_MS);
    wake?.();
  });
  body.once('end', () => {
    settle('ended');
  });
  body.once('close', () => {
    settle(body.readableEnded ? 'ended' : new Error('connection closed mid-chunk'));
  });
  body.once('error', (error) => {
    settle(error);
  });
  async function* bytes(): AsyncGenerator<Uint8Array> {
    try {
      for (;;) {
        const piece = pieces.shift();
        if (piece !== undefined) {
          yield piece;
          continue;
        }
        if (outcome instanceof Error) throw outcome;
        if (outcome === 'ended' || discard) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
    } finally {
      // The store stopped reading (a refused chunk): let the rest of the body drain unkept.
      discard = true;
      pieces.length = 0;
    }
  }
  return { bytes: bytes(), declaredLength, cancel };
}

/** Enough bytes to tell a JPEG, PNG or WebP (magic-bytes.ts). */
const SNIFF_BYTES = 12;

/**
 * The first chunk of an upload must start like a JPEG, PNG or WebP: anything else is refused with
 * 422 BLOB_TYPE_REJECTED before a byte of it is written. A first chunk cut off before SNIFF_BYTES
 * keeps what came (the retry continues after it) and is judged, like every upload, again on complete.
 */
function imagesOnly(source: ChunkSource): ChunkSource {
  async function* bytes(): AsyncGenerator<Uint8Array> {
    const head: Uint8Array[] = [];
    let length = 0;
    try {
      for await (const piece of source.bytes) {
        if (length >= SNIFF_BYTES) {
          yield piece;
          continue;
        }
        head.push(piece);
        length += piece.length;
        if (length < SNIFF_BYTES) continue;
        if (sniffImageType(Buffer.concat(head)) === null) {
          head.length = 0;
          throw new HttpProblem(422, 'BLOB_TYPE_REJECTED', 'Only JPEG, PNG and WebP images are accepted');
        }
        yield* head.splice(0);
      }
    } catch (error) {
      yield* head.splice(0);
      throw error;
    }
    yield* head.splice(0);
  }
  return { ...source, bytes: bytes() };
}

function declaredLengthOf(header: string | undefined): number | undefined {
  return header === undefined ? undefined : Number(header);
}

/**
 * Starts reading every chunk upload's body in the first onRequest hook: register it before the hooks
 * that await the database (auth, rate limits). A chunk refused by them is read and dropped.
 */
export function readChunksEarly(app: FastifyInstance): void {
  app.decorateRequest('chunkSource', null);
  app.addHook('onRequest', (request, _reply, done) => {
    // Only a body no other parser will read: a JSON parser attached after this listener would miss
    // the data and wait forever (such a chunk is refused with 400 anyway).
    const octets = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() === 'application/octet-stream';
    if (request.method === 'PUT' && octets && request.routeOptions.url === CHUNK_ROUTE) {
      request.chunkSource = chunkSource(request.raw, declaredLengthOf(request.headers['content-length']));
    }
    done();
  });
}

export function blobRoutes(app: FastifyInstance, store: BlobStore, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  // The chunk body is handed over as the raw stream: the store writes it as it arrives, so the bytes
  // that made it before a cut are kept (see blob-store.ts).
  app.addContentTypeParser('application/octet-stream', (_req, payload, done) => {
    done(null, payload);
  });

  api.post(
    '/api/blobs',
    {
      config: { access: ['agent'] },
      schema: {
        tags: ['sync'],
        summary:
          'Announce a photo upload (idempotent by id); completes at once if the server already holds the SHA-256',
        body: createBlobRequestSchema,
        response: { 200: blobStateSchema, ...errors },
      },
    },
    (request) => store.create(requireTownshipPrincipal(request).userId, request.body, now()),
  );

  api.get(
    '/api/blobs/:id',
    {
      config: { access: ['agent'] },
      schema: {
        tags: ['sync'],
        summary: 'The committed offset of an upload: where a retry continues',
        params: idParams,
        response: { 200: blobStateSchema, ...errors },
      },
    },
    (request) => store.state(requireTownshipPrincipal(request).userId, request.params.id),
  );

  api.put(
    '/api/blobs/:id/chunks',
    {
      config: { access: ['agent'] },
      bodyLimit: BLOB_MAX_CHUNK_BYTES,
      schema: {
        tags: ['sync'],
        summary: `Append bytes at ?offset= (must equal the committed offset; ≤ ${String(BLOB_MAX_CHUNK_BYTES)} bytes). Body: application/octet-stream`,
        params: idParams,
        querystring: z.object({ offset: z.coerce.number().int().nonnegative() }),
        response: { 200: blobStateSchema, ...errors },
      },
    },
    (request) => {
      const body: unknown = request.body;
      if (!(body instanceof Readable)) {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'Send the chunk as a non-empty application/octet-stream body', {
          field: 'body',
        });
      }
      const declaredLength = declaredLengthOf(request.headers['content-length']);
      if (declaredLength !== undefined && declaredLength > BLOB_MAX_CHUNK_BYTES)
        throw new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `A chunk is at most ${String(BLOB_MAX_CHUNK_BYTES)} bytes`);
      const source = request.chunkSource ?? chunkSource(body, declaredLength);
      return store.append(
        requireTownshipPrincipal(request).userId,
        request.params.id,
        request.query.offset,
        request.query.offset === 0 ? imagesOnly(source) : source,
        now(),
      );
    },
  );

  api.post(
    '/api/blobs/:id/complete',
    {
      config: { access: ['agent'] },
      schema: {
        tags: ['sync'],
        summary: 'Verify the SHA-256 and store the blob; on a mismatch the upload resets to offset 0',
        params: idParams,
        response: { 200: blobStateSchema, ...errors, 422: apiErrorSchema },
      },
    },
    (request) => store.complete(requireTownshipPrincipal(request).userId, request.params.id, now()),
  );
}
