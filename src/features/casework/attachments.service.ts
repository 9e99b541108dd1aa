// A stored attachment handed back to staff, after the same access check as its suggestion.
import type { Readable } from "node:stream";
import type { Infrastructure } from "../../container.ts";
import { NotFoundError } from "../../errors.ts";
import { loadAccessibleSuggestion, type Viewer } from "./access.ts";
import { findAttachment } from "./case.repository.ts";

export interface AttachmentDownload {
  originalName: string;
  /** Random, with the extension of the type detected at upload (platform/storage.ts). */
  storedName: string;
  mimeType: string;
  size: number;
  stream: Readable;
}

export function createAttachmentService(deps: Pick<Infrastructure, "db" | "storage">) {
  return {
    async open(viewer: Viewer, attachmentId: number): Promise<AttachmentDownload> {
      const attachment = await findAttachment(deps.db, attachmentId);
      if (!attachment) throw new NotFoundError();
      await loadAccessibleSuggestion(deps.db, viewer, attachment.suggestionId);
      return { originalName: attachment.originalName, storedName: attachment.storedName, mimeType: attachment.mimeType, size: attachment.size, stream: deps.storage.open(attachment.storedName) };
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
