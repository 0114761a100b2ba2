/** The text form of a parameter or form field value. */

/** The text of a scalar; nested objects are JSON-encoded since the style tables stop at one level. */
export function toText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}
