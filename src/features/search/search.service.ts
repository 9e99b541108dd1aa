// Staff search: one box that takes a tracking code, words of a suggestion's title and text, or (coordinators and
// administrators only) a submitter's phone number. Results are only what the viewer may open (casework's rule).
// Words are matched as substrings with PostgreSQL trigram indexes rather than jieba tokens: staff type fragments of
// what they remember ("异地报销", a street name), which a substring finds whatever the segmentation, and the GIN
// trigram index needs no extra column to keep in step. A phone search is itself recorded in the audit log.
import type { Infrastructure } from "../../container.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { escapeLike } from "../../platform/db.ts";
import { recordAudit } from "../audit/index.ts";
import { isOfficeStaff, type StaffUser } from "../auth/index.ts";
import { visibleSuggestionsWhere } from "../casework/index.ts";
import { normalizeTrackingCode, TRACKING_CODE_PATTERN } from "../submissions/index.ts";

export const SEARCH_LIMIT = 50;
const MAX_TERMS = 5;

export type SearchKind = "code" | "phone" | "words";

export interface SearchHit {
  id: number;
  trackingCode: string;
  title: string;
  status: string;
  submittedAt: Date;
  leadDepartment: { name: string; nameEn: string } | null;
}

export function classify(query: string, viewer: Pick<StaffUser, "role">): { kind: SearchKind; value: string } {
  const code = normalizeTrackingCode(query);
  if (TRACKING_CODE_PATTERN.test(code)) return { kind: "code", value: code };
  const digits = query.replace(/[\s\-()+]/g, "");
  if (/^\d{4,11}$/.test(digits) && isOfficeStaff(viewer)) return { kind: "phone", value: digits };
  return { kind: "words", value: query };
}

export function createSearchService(c: Pick<Infrastructure, "db">) {
  return {
    async search(viewer: StaffUser, raw: string): Promise<{ kind: SearchKind; hits: SearchHit[]; more: boolean }> {
      const query = raw.normalize("NFKC").trim().slice(0, 100);
      const { kind, value } = classify(query, viewer);
      let match: Prisma.SuggestionWhereInput;
      if (kind === "code") match = { trackingCode: value };
      else if (kind === "phone") match = { submitter: value.length === 11 ? { phone: value } : { phone: { endsWith: value } } };
      else {
        const terms = [...new Set(value.split(/\s+/).filter(Boolean))].slice(0, MAX_TERMS);
        match = {
          AND: terms.map((term) => {
            const contains = { contains: escapeLike(term), mode: "insensitive" as const };
            return { OR: [{ title: contains }, { problem: contains }, { proposal: contains }] };
          }),
        };
      }
      const rows = await c.db.suggestion.findMany({
        where: { AND: [visibleSuggestionsWhere(viewer), match] },
        orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
        take: SEARCH_LIMIT + 1,
        select: { id: true, trackingCode: true, title: true, status: true, submittedAt: true, leadDepartment: { select: { name: true, nameEn: true } } },
      });
      if (kind === "phone") {
        // Looking up a citizen by phone reveals who wrote what: recorded like a reveal of contact details.
        await recordAudit(c.db, { actor: { id: viewer.id, email: viewer.email }, action: "search.phone", entity: "Submitter", after: { phone: value, results: Math.min(rows.length, SEARCH_LIMIT) } });
      }
      return { kind, hits: rows.slice(0, SEARCH_LIMIT), more: rows.length > SEARCH_LIMIT };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
