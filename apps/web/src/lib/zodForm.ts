import type { z } from 'zod';

/**
 * A tiny adapter from a zod schema to @mantine/form's `validate`: runs the schema on the values (after an
 * optional mapping from form values to the schema's input) and returns `{ 'path.to.field': message }`.
 */
export function zodValidate<TValues, TSchema extends z.ZodType>(
  schema: TSchema,
  toInput: (values: TValues) => unknown = (v) => v,
): (values: TValues) => Record<string, string> {
  return (values) => {
    const result = schema.safeParse(toInput(values));
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.');
      if (path && !(path in errors)) errors[path] = issue.message;
    }
    return errors;
  };
}

/**
 * After a failed submit, move focus to the first field marked invalid so keyboard and screen-reader users
 * land on the problem (its message is linked with aria-describedby and read out).
 */
export function focusFirstInvalid(root: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const field = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
    field?.focus();
  });
}

/** Only follow `next` to a path inside this app: never to another site. */
export function safeNextPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
