// Job data comes from Redis, written by any version of the code: checked, never trusted.

/** The positive integer at `key` of a job's data, or null when it is missing or malformed. */
export function positiveId(data: unknown, key: string): number | null {
  if (data === null || typeof data !== "object") return null;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? value : null;
}
