// The one error family. Messages are i18n keys, rendered in the user's language by the error middleware.

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
    readonly params: Record<string, unknown> = {},
  ) {
    super(messageKey);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(messageKey = "errors:notFound") {
    super(404, messageKey);
  }
}

export class ForbiddenError extends AppError {
  constructor(messageKey = "errors:forbidden") {
    super(403, messageKey);
  }
}

export class ConflictError extends AppError {
  constructor(messageKey = "errors:conflict", params: Record<string, unknown> = {}) {
    super(409, messageKey, params);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(messageKey = "errors:tooManyRequests", params: Record<string, unknown> = {}) {
    super(429, messageKey, params);
  }
}

/** A dependency (database, Redis) is unreachable: nothing was done; answered 503 with Retry-After. */
export class ServiceUnavailableError extends AppError {
  constructor(messageKey = "errors:status503", params: Record<string, unknown> = {}) {
    super(503, messageKey, params);
  }
}

/** Invalid input: a message key per field. Forms catch it and re-render with the user's values (HTTP 422). */
export class ValidationError extends AppError {
  constructor(
    readonly fields: FieldErrors,
    messageKey = "errors:validation",
  ) {
    super(422, messageKey);
  }
}
