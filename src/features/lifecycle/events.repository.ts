// Handling events that change no status (notes, opinions, requests, reveals, marks, escalations, links): the one
// writer of such rows. Status changes write their event through applyTransition (transitions.ts) instead.
import type { DbClient } from "../../platform/db.ts";
import { NO_NOTE, type EventNote } from "./event-notes.ts";
import type { EventType } from "./event-types.ts";

export interface NewEvent {
  suggestionId: number;
  type: EventType;
  /** Null: the system (the router, a scan) or the citizen, who has no account. */
  actorId: number | null;
  departmentId?: number | null;
  note?: EventNote;
  /** Staff-only events are not shown on the citizen's tracking page. */
  internal: boolean;
  at?: Date;
}

export async function recordEvent(tx: DbClient, e: NewEvent): Promise<void> {
  const note = e.note ?? NO_NOTE;
  await tx.handlingEvent.create({
    data: {
      suggestionId: e.suggestionId,
      type: e.type,
      actorId: e.actorId,
      departmentId: e.departmentId ?? null,
      note: note.note,
      noteEn: note.noteEn,
      internal: e.internal,
      ...(e.at ? { createdAt: e.at } : {}),
    },
    select: { id: true },
  });
}
