// Links entered by staff (a policy measure's page) are shown on staff pages and to the public: only plain web links
// become clickable; anything else (javascript:, data:, junk) is not a link.

/** Whether a value is a plain http(s) link with a host: what a form accepts as a link. */
export function isWebUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === "http:" || u.protocol === "https:") && u.hostname !== "";
  } catch {
    return false;
  }
}

/** A stored link as an href, normalised by the URL parser; null when it must not be a link. */
export function linkHref(url: string | null): string | null {
  return url && isWebUrl(url) ? new URL(url).toString() : null;
}
