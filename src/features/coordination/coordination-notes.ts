// What the office's decisions write into the handling history, in both languages (coordination:notes.* in the
// locale files). The demo seed writes its history with these too.
import { localizedText, systemNote, systemNoteWithText, type EventNote } from "../lifecycle/index.ts";
import type { ReferralChannel } from "./coordination.schemas.ts";

interface Named {
  name: string;
  nameEn: string;
}

const name = (d: Named) => localizedText(d.name, d.nameEn);
const names = (ds: readonly Named[]) => localizedText(ds.map((d) => d.name).join("、"), ds.map((d) => d.nameEn || d.name).join(", "));

export const coordinationNotes = {
  /** 交…主办（，…协办），请于…前答复 — shown to the citizen too. */
  assigned(lead: Named, assists: readonly Named[], dueAt: Date): EventNote {
    const params = { lead: name(lead), dueAt: dueAt.toISOString() };
    if (assists.length === 0) return systemNote("coordination:notes.assigned", params);
    const list = localizedText(assists.map((d) => d.name).join("、"), assists.map((d) => d.nameEn || d.name).join(", "));
    return systemNote("coordination:notes.assignedWithAssists", { ...params, assists: list });
  },
  /** 改交…主办 (协办：…), then the coordinator's reason as typed. */
  transferred: (lead: Named, assisting: Named[], dueAt: Date, reason: string): EventNote =>
    systemNoteWithText(
      assisting.length ? "coordination:notes.transferredWithAssists" : "coordination:notes.transferred",
      { lead: name(lead), assists: names(assisting), dueAt: dueAt.toISOString() },
      reason,
    ),
  /** 催办…, then the coordinator's message as typed (if any). */
  urged: (lead: Named, message: string | undefined): EventNote =>
    message ? systemNoteWithText("coordination:notes.urged", { lead: name(lead) }, message) : systemNote("coordination:notes.urged", { lead: name(lead) }),
  /** 同意延期N个工作日，答复期限延至… */
  extended: (days: number, dueAt: Date): EventNote => systemNote("coordination:notes.extended", { days, dueAt: dueAt.toISOString() }),
  /** The merge's own note when the coordinator wrote none. */
  merged: (targetCode: string): EventNote => systemNote("coordination:notes.merged", { target: targetCode }),
  /** On a suggestion that followed its target into another (merges stay one level deep). */
  mergeFollowed: (fromCode: string, targetCode: string): EventNote =>
    systemNote("coordination:notes.mergeFollowed", { from: fromCode, target: targetCode }),
  /** The channel opens the note, so the history says where it went; then the office's note to the citizen. */
  referred: (channel: ReferralChannel, note: string): EventNote => systemNoteWithText(`coordination:notes.referred.${channel}`, {}, note),
};
