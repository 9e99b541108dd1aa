/** A connection URL fit for a log line or an error message: the password, if any, replaced by "***". */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
