import { TRPCClientError } from '@trpc/client';

/** The parts of a tRPC error's `data` this app reads (see packages/api/CONTRACT.md). */
interface ErrorData {
  code?: string;
  httpStatus?: number;
  fieldErrors?: Record<string, string[] | undefined>;
  formErrors?: string[];
}

function dataOf(error: unknown): ErrorData | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  return data && typeof data === 'object' ? (data as ErrorData) : undefined;
}

/** The tRPC error code (UNAUTHORIZED, CONFLICT, ...), if the error came from the server. */
export function errorCode(error: unknown): string | undefined {
  return dataOf(error)?.code;
}

export function httpStatusOf(error: unknown): number | undefined {
  return dataOf(error)?.httpStatus;
}

export function isConflict(error: unknown): boolean {
  return errorCode(error) === 'CONFLICT';
}

/** Field-level validation messages from the server, keyed by field name. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, messages] of Object.entries(dataOf(error)?.fieldErrors ?? {})) {
    if (messages && messages.length > 0) out[field] = messages.join(' ');
  }
  return out;
}

export function formErrorsOf(error: unknown): string[] {
  return dataOf(error)?.formErrors ?? [];
}

/** A message fit to show a person: the server's own words for expected errors, a plain fallback otherwise. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const code = errorCode(error);
    if (code === undefined) return 'Baton could not be reached. Check your connection and try again.';
    if (code === 'INTERNAL_SERVER_ERROR')
      return 'Something went wrong on our side. Please try again in a moment.';
    const formErrors = formErrorsOf(error);
    if (code === 'BAD_REQUEST' && formErrors.length > 0) return formErrors.join(' ');
    return error.message;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Please try again.';
}

/** The bit of a @mantine/form form this helper needs. */
interface FormWithErrors {
  setErrors: (errors: Record<string, string>) => void;
  getValues: () => object;
}

/**
 * Put the server's field errors (zod's, or a rule's) next to the fields of a @mantine/form form. Returns the
 * messages for an alert above the form: the server's message first, then form-level errors and errors for
 * fields the form doesn't show. Any other error (wrong password, rate limit, ...) comes back as its message.
 */
export function applyServerErrors(form: FormWithErrors, error: unknown): string[] {
  const fieldErrors = fieldErrorsOf(error);
  const fields = new Set(Object.keys(form.getValues()));
  const onForm: Record<string, string> = {};
  const elsewhere: string[] = [...formErrorsOf(error)];
  for (const [field, message] of Object.entries(fieldErrors)) {
    if (fields.has(field)) onForm[field] = message;
    else elsewhere.push(message);
  }
  form.setErrors(onForm);
  // The server's own message leads (a rule's explanation, or "Some of the values need correcting"): shown in
  // an alert, it is announced, and it says why even when the field message is short.
  const lead = errorCode(error) === 'BAD_REQUEST' ? (error as Error).message : errorMessage(error);
  return [...new Set([lead, ...elsewhere])];
}

/** An import's problems as lines: the message, then each field's (a file's own problems without the field name). */
export function problemLines(error: unknown): string[] {
  const fields = Object.entries(fieldErrorsOf(error)).map(([k, v]) => (k === 'file' ? v : `${k}: ${v}`));
  return [...new Set([errorMessage(error), ...fields])];
}
