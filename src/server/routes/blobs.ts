/**
 * The resumable upload API (see domain/blob.ts and server/blobs/blob-store.ts). Chunks travel as
 * raw `application/octet-stream` bodies: no base64, no multipart — on a 1 Mbit/s link every
 * overhead byte is time.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema } from '../../domain/api-error';
import { BLOB_MAX_CHUNK_BYTES, blobStateSchema, createBlobRequestSchema } from '../../domain/blob';
import type { BlobStore } from '../blobs/blob-store';
import { HttpProblem } from '../http-problem';
import { requirePrincipal } from '../plugins/auth';

const idParams = z.object({ id: z.uuid() });
const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};

export function blobRoutes(app: FastifyInstance, store: BlobStore, now: () => Date): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: BLOB_MAX_CHUNK_BYTES },
    (_req, body, done) => {
      done(null, body);
    },
  );

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
    (request) => store.create(requirePrincipal(request).userId, request.body, now()),
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
    (request) => store.state(requirePrincipal(request).userId, request.params.id),
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
      if (!(body instanceof Buffer) || body.length === 0) {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'Send the chunk as a non-empty application/octet-stream body', {
          field: 'body',
        });
      }
      return store.append(requirePrincipal(request).userId, request.params.id, request.query.offset, body, now());
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
    (request) => store.complete(requirePrincipal(request).userId, request.params.id, now()),
  );
}
