// Headers for handing a stored upload back to staff. The file is always a download (never rendered in our
// origin), its type is the one checked at upload, and the browser must not second-guess it.
import type { Response } from "express";

/** RFC 6266 / RFC 5987: an ASCII fallback for old clients, and the exact UTF-8 name for everyone else. */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\%;]/g, "_").trim() || "attachment";
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

export function setDownloadHeaders(res: Response, file: { originalName: string; mimeType: string }): void {
  res.set({
    "Content-Type": MIME.test(file.mimeType) ? file.mimeType : "application/octet-stream",
    "Content-Disposition": contentDisposition(file.originalName),
    "X-Content-Type-Options": "nosniff",
    // Personal data: kept out of shared caches and off the disk of the browser's cache.
    "Cache-Control": "private, no-store",
  });
}
