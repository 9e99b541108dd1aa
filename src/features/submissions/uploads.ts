// Attachments: multipart parsing into the system temp dir, then a check of each file's real type by its content.
// The browser's MIME type and the file name are chosen by the sender, so neither decides what is accepted.
import { rm } from "node:fs/promises";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { mkdirSync } from "node:fs";
import path from "node:path";
import multer from "multer";
import { fileTypeFromFile } from "file-type";
import { AppError } from "../../errors.ts";
import type { FieldErrors } from "../../errors.ts";
import { LIMITS, sanitizeFileName } from "./submissions.schemas.ts";

/** Detected MIME type → the extension the file is stored under. */
export const ALLOWED_TYPES: Readonly<Record<string, string>> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
};

export interface UploadedFile {
  tempPath: string;
  originalName: string;
  size: number;
}

export interface CheckedFile extends UploadedFile {
  mimeType: string;
  ext: string;
}

const UPLOAD_ERROR = "uploadError";

/** Where multer writes uploads in flight, before their type is checked and they are stored. */
export function uploadTempDir(uploadDir: string): string {
  return path.join(uploadDir, "incoming");
}

/**
 * Parses multipart bodies (urlencoded ones were already parsed by the app). Limit errors do not fail the request:
 * they are kept for the handler, which re-renders the form with a message on the right field (multer has already
 * removed the partial files). A malformed body is the client's fault (400); a disk error is ours (500).
 */
export function multipartParser(tempDir: string): RequestHandler {
  mkdirSync(tempDir, { recursive: true });
  const upload = multer({
    // Next to the stored files rather than in the system temp dir: same filesystem, and a process's leftovers
    // are easy to find and clean.
    storage: multer.diskStorage({ destination: tempDir }),
    limits: {
      fileSize: LIMITS.maxFileBytes,
      files: LIMITS.maxFiles,
      fields: 40,
      // Far above any valid field, so an over-long title still reaches validation and gets its own message.
      fieldSize: 1024 * 1024,
      fieldNameSize: 100,
      parts: 60,
    },
    // Browsers send UTF-8 file names; busboy would otherwise read 报告.pdf as Latin-1.
    defParamCharset: "utf8",
  }).array("attachments", LIMITS.maxFiles);

  return (req: Request, res: Response, next: NextFunction) => {
    upload(req, res, (err?: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        res.locals[UPLOAD_ERROR] = err;
        return next();
      }
      if (typeof (err as NodeJS.ErrnoException).code === "string" && /^E[A-Z]+$/.test((err as NodeJS.ErrnoException).code ?? "")) {
        return next(err);
      }
      next(new AppError(400, "errors:status400"));
    });
  };
}

/** The field message for a multipart limit that was hit, or undefined when the upload went through. */
export function uploadLimitErrors(res: Response): FieldErrors | undefined {
  const err = res.locals[UPLOAD_ERROR] as multer.MulterError | undefined;
  if (!err) return undefined;
  switch (err.code) {
    case "LIMIT_FILE_SIZE":
      return { attachments: "submissions:errors.fileTooLarge" };
    case "LIMIT_FILE_COUNT":
    case "LIMIT_UNEXPECTED_FILE":
      return { attachments: "submissions:errors.tooManyFiles" };
    case "LIMIT_FIELD_VALUE":
      return { [err.field && /^[a-zA-Z]{2,20}$/.test(err.field) ? err.field : "form"]: "submissions:errors.fieldTooLong" };
    default:
      return { form: "submissions:errors.formMalformed" };
  }
}

export function uploadedFiles(req: Request): UploadedFile[] {
  const files = Array.isArray(req.files) ? req.files : [];
  return files.map((f) => ({ tempPath: f.path, originalName: sanitizeFileName(f.originalname), size: f.size }));
}

/** Whether the request carried files that the citizen will have to choose again after a re-render. */
export function hadFiles(req: Request, res: Response): boolean {
  const err = res.locals[UPLOAD_ERROR] as multer.MulterError | undefined;
  return uploadedFiles(req).length > 0 || (err !== undefined && err.code !== "LIMIT_FIELD_VALUE");
}

/** Checks each file's type by its first bytes; returns the files with their real type, or the field message. */
export async function checkFileTypes(files: UploadedFile[]): Promise<{ files: CheckedFile[] } | { error: string }> {
  const checked: CheckedFile[] = [];
  for (const file of files) {
    if (file.size === 0) return { error: "submissions:errors.fileEmpty" };
    const type = await fileTypeFromFile(file.tempPath);
    const ext = type ? ALLOWED_TYPES[type.mime] : undefined;
    if (!type || !ext) return { error: "submissions:errors.fileType" };
    checked.push({ ...file, mimeType: type.mime, ext });
  }
  return { files: checked };
}

/** Deletes whatever is still in the temp dir (stored files were already moved). Never throws. */
export async function discardTempFiles(files: UploadedFile[]): Promise<void> {
  if (files.length === 0) return; // every submission without attachments, twice (route and service)
  await Promise.all(files.map((f) => rm(f.tempPath, { force: true }).catch(() => undefined)));
}
