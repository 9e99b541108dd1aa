// Uploaded files live outside public/ under random names; they are only ever served through an access check.
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";

export interface Storage {
  /** Moves a temporary upload into storage and returns its random stored name. */
  put(tempPath: string, ext: string): Promise<string>;
  open(storedName: string): Readable;
  remove(storedName: string): Promise<void>;
}

const STORED_NAME = /^[a-f0-9]{32}\.[a-z0-9]{2,5}$/;

export function createStorage(dir: string): Storage {
  const resolve = (storedName: string) => {
    if (!STORED_NAME.test(storedName)) throw new Error("invalid stored name");
    return path.join(dir, storedName.slice(0, 2), storedName);
  };
  return {
    async put(tempPath, ext) {
      const storedName = `${randomBytes(16).toString("hex")}.${ext}`;
      const target = resolve(storedName);
      await mkdir(path.dirname(target), { recursive: true });
      // copy + remove rather than rename: the temp dir may be on another filesystem.
      await copyFile(tempPath, target);
      await rm(tempPath, { force: true });
      return storedName;
    },
    open: (storedName) => createReadStream(resolve(storedName)),
    remove: (storedName) => rm(resolve(storedName), { force: true }),
  };
}
