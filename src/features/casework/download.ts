// Headers for handing a stored upload back to staff. The file is always a download (never rendered in our
// origin), its type is the one checked at upload, and the browser must not second-guess it.
import type { Response } from "express";

/** RFC 6266 / RFC 5987: an ASCII fallback for old clients, and the exact UTF-8 name for everyone else. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%;]/g, "_").trim() || "attachment";
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The name a download is saved under: the citizen's name with the extension of the type detected at upload (the
 * stored file's extension), whatever extension they gave it. A JPEG/HTML polyglot sent as "poly.html" is saved as
 * "poly.jpg", so no desktop or browser opens it as a page. The citizen's own name is shown on the case page as text.
 */
export function downloadName(originalName: string, storedName: string): string {
  const ext = /\.([a-z0-9]{2,5})$/.exec(storedName)?.[1] ?? "bin";
  const stem = originalName.replace(/\.[^./\\]{1,16}$/, "").replace(/[.\s]+$/, "");
  return `${stem || "attachment"}.${ext}`;
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export function setDownloadHeaders(res: Response, file: { originalName: string; storedName: string; mimeType: string }): void {
  res.set({
    "Content-Type": MIME.test(file.mimeType) ? file.mimeType : "application/octet-stream",
    "Content-Disposition": contentDisposition(downloadName(file.originalName, file.storedName)),
    "X-Content-Type-Options": "nosniff",
    // Personal data: kept out of shared caches and off the disk of the browser's cache.
    "Cache-Control": "private, no-store",
  });
}
