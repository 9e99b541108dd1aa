/**
 * Links entered by staff (a policy measure's page) are shown on staff pages and to the public: only plain web
 * links become clickable, normalised by the URL parser; anything else (javascript:, data:, junk) is not a link.
 */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "https:" || u.protocol === "http:" ? u.toString() : null;
  } catch {
    return null;
  }
}
