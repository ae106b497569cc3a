import type { ApiError, ApiErrorCode } from '../domain/api-error';

/** An error a route throws on purpose: the error handler answers it with its status and stable code. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly extra: Omit<ApiError, 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}
