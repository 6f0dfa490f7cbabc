/** Typed domain errors: thrown anywhere below the API, mapped to one tRPC code each by the API's middleware. */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {}

export class ForbiddenError extends DomainError {}

/** The row changed since the caller read it: `current` is what is there now, so they can see and retry. */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super(message);
  }
}

/** A rule the input broke that only the server can check (a duplicate name, a date order across rows). */
export class RuleViolationError extends DomainError {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

export class RateLimitedError extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class UnauthenticatedError extends DomainError {}

/** The programme requires a second factor and this session signed in with a password alone. */
export class SecondFactorRequiredError extends ForbiddenError {}
