// A form's errors in the reader's language: one message per field for the field itself, and the error summary's
// list in the order the fields appear on the page (each entry links to its field).
import type { Translate } from "../platform/i18n.ts";
import { fieldId, type FieldErrors } from "./forms.ts";

export function errorMessages(t: Translate, errors: FieldErrors = {}, order: readonly string[] = [], params: Record<string, unknown> = {}) {
  const messages: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) messages[field] = t(key, params);
  const rank = (field: string) => {
    const i = order.indexOf(field);
    return i === -1 ? order.length : i;
  };
  const errorList = Object.keys(messages)
    .sort((a, b) => rank(a) - rank(b))
    .map((field) => ({ id: fieldId(field), message: messages[field] }));
  return { errors: messages, errorList };
}
