// Shared by the submission, round and tracking tests: a citizen's valid form, the files a citizen might attach, and
// proof that nothing was stored. The form itself is posted with openForm/postMultipart from tests/support/http.ts.
import { readdirSync, existsSync } from "node:fs";
import path from "node:path";
import type { Container } from "../../../src/container.ts";
import { LIMITS, uploadTempDir } from "../../../src/features/submissions/index.ts";
import { translator, type Locale } from "../../../src/platform/i18n.ts";

export const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
export const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082",
  "hex",
);
/** The start of a Windows executable: what a "report.pdf" from an attacker really is. */
export const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0"), Buffer.alloc(400)]);

export async function referenceIds(c: Container) {
  const [category, county, city] = await Promise.all([
    c.db.category.findUniqueOrThrow({ where: { code: "LIVELIHOOD" }, select: { id: true } }),
    c.db.region.findUniqueOrThrow({ where: { code: "210102" }, select: { id: true } }),
    c.db.region.findUniqueOrThrow({ where: { code: "210200" }, select: { id: true } }),
  ]);
  return { categoryId: category.id, countyId: county.id, cityId: city.id };
}

export function validFields(ids: { categoryId: number; countyId: number }): Record<string, string> {
  return {
    title: "关于增设社区老年助餐点的建议",
    categoryId: String(ids.categoryId),
    regionId: String(ids.countyId),
    problem: "我们小区老年人多，附近没有老年助餐点，独居老人吃饭很不方便。",
    proposal: "建议由街道牵头，利用社区闲置用房开设老年助餐点，并对高龄老人给予就餐补贴。",
    realName: "李秀英",
    phone: "139 1234 5678",
    email: "li.xiuying@citizen.example",
  };
}

export async function rowCounts(c: Container) {
  const [suggestions, submitters, attachments, events, emails] = await Promise.all([
    c.db.suggestion.count(),
    c.db.submitter.count(),
    c.db.attachment.count(),
    c.db.handlingEvent.count(),
    c.db.emailMessage.count(),
  ]);
  return { suggestions, submitters, attachments, events, emails };
}

export const NOTHING = { suggestions: 0, submitters: 0, attachments: 0, events: 0, emails: 0 };

export function storedFiles(c: Container): string[] {
  const dir = c.config.uploadDir;
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** multer's temp files: 32 hex characters, no extension, in the uploads' incoming dir. */
export function tempUploads(): Set<string> {
  const dir = uploadTempDir(process.env.UPLOAD_DIR ?? "var/uploads");
  if (!existsSync(dir)) return new Set();
  return new Set(readdirSync(dir).filter((n) => /^[a-f0-9]{32}$/.test(n)));
}

export function newTempUploads(before: Set<string>): string[] {
  return [...tempUploads()].filter((n) => !before.has(n));
}

/** What Handlebars makes of a string in {{ }}. */
export function escapeHtml(s: string): string {
  const map: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "`": "&#x60;", "=": "&#x3D;" };
  return s.replace(/[&<>"'`=]/g, (ch) => map[ch] ?? ch);
}

/** A form message as the page shows it, in the given language. */
export function message(key: string, locale: Locale = "zh-CN"): string {
  return escapeHtml(translator(locale)(key, { ...LIMITS, maxFileMb: LIMITS.maxFileBytes / 1024 / 1024 }));
}

export function trackingCodeIn(html: string): string | undefined {
  return /data-tracking-code="([^"]+)"/.exec(html)?.[1];
}

/** The field's input carries aria-invalid and points at its message. */
export function fieldMarkedInvalid(html: string, field: string): boolean {
  const tag = new RegExp(`<(?:input|select|textarea)[^>]*id="f-${field}"[^>]*>`).exec(html)?.[0] ?? "";
  return tag.includes('aria-invalid="true"') && tag.includes(`f-${field}-error`);
}
