/**
 * The one error handler. Every error leaves as `{code, message, field?}` with a stable code from
 * domain/api-error; validation failures are 400 and name the field; anything unexpected is a 500
 * that says nothing about internals (the details go to the log, never to the client).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { ApiError, ApiErrorCode } from '../../domain/api-error';
import { HttpProblem } from '../http-problem';

const fastifyCodes: Record<string, { status: number; code: ApiErrorCode }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'BAD_JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'BAD_JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_JSON' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
};

const byStatus: Record<number, ApiErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

function toApiError(error: FastifyError | HttpProblem): { status: number; body: ApiError } {
  if (error instanceof HttpProblem) {
    return { status: error.statusCode, body: { code: error.code, message: error.message, ...error.extra } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const field = first?.instancePath.replace(/^\//, '').replaceAll('/', '.') ?? '';
    return {
      status: 400,
      body: {
        code: 'VALIDATION_FAILED',
        message: first?.message ?? 'Invalid request',
        ...(field ? { field } : {}),
      },
    };
  }
  const known = error.code ? fastifyCodes[error.code] : undefined;
  if (known) return { status: known.status, body: { code: known.code, message: error.message } };
  const status = error.statusCode ?? 500;
  const code = byStatus[status];
  if (status >= 400 && status < 500 && code) {
    return { status, body: { code, message: error.message } };
  }
  return { status: 500, body: { code: 'INTERNAL', message: 'Internal server error' } };
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler<FastifyError | HttpProblem>((error, request, reply) => {
    const { status, body } = toApiError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    if (body.retryAfterSeconds !== undefined) void reply.header('retry-after', String(body.retryAfterSeconds));
    return reply.code(status).send(body);
  });
}
