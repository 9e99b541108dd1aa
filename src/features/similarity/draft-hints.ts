// What the citizen's form shows while they write (progressively, see public/js/draft-hints.js): published
// suggestions like theirs with the replies they got, so an idea already answered is seen before it is sent again,
// and which personal data their text contains (to be hidden if it is published). Everything shown of another
// citizen's suggestion is masked (src/features/privacy): the published text is the masked text.
import type { Locale } from "../../platform/i18n.ts";
import { maskForPublication, personalDataKinds, type PersonalDataKind } from "../privacy/index.ts";
import type { DbClient } from "../../platform/db.ts";
import { findPublished } from "./published.repository.ts";
import type { SimilarityService } from "./similarity.service.ts";

/** Below these lengths a draft says too little to compare (the form's own minimums). */
export const DRAFT_MIN = { title: 5, problem: 10 } as const;
/** Longer drafts are compared on their beginning: the words that matter come first, and jieba's cost grows. */
export const DRAFT_MAX_CHARS = 2_000;
const EXCERPT_CHARS = 160;
const REPLY_CHARS = 400;

export interface Draft {
  title: string;
  problem: string;
  proposal: string;
  /** The citizen's name as typed in the form, found in the text like any other personal data. */
  realName: string;
}

export interface PublishedMatch {
  id: number;
  score: number;
  title: string;
  excerpt: string;
  submittedAt: Date;
  reply: { excerpt: string; adoption: string; createdAt: Date; department: { name: string; nameEn: string } } | null;
}

export interface DraftHints {
  /** False when the title or problem is still too short: nothing was looked up. */
  compared: boolean;
  similar: PublishedMatch[];
  personalData: PersonalDataKind[];
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function createDraftHints(deps: { db: DbClient; similarity: Pick<SimilarityService, "findSimilarToText"> }) {
  return {
    async forDraft(draft: Draft, locale: Locale): Promise<DraftHints> {
      const names = draft.realName.trim() ? [draft.realName.trim()] : [];
      const personalData = personalDataKinds([draft.title, draft.problem, draft.proposal].join("\n"), { names });
      const title = draft.title.trim().slice(0, DRAFT_MAX_CHARS);
      const problem = draft.problem.trim().slice(0, DRAFT_MAX_CHARS);
      if ([...title].length < DRAFT_MIN.title || [...problem].length < DRAFT_MIN.problem) return { compared: false, similar: [], personalData };

      const body = `${problem}\n${draft.proposal.trim().slice(0, DRAFT_MAX_CHARS)}`;
      const found = await deps.similarity.findSimilarToText({ title, body }, { limit: 5, publishedOnly: true });
      const byId = new Map((await findPublished(deps.db, found.map((f) => f.suggestionId))).map((p) => [p.id, p]));
      const similar = found.flatMap(({ suggestionId, score }) => {
        const p = byId.get(suggestionId);
        if (!p) return [];
        const masked = maskForPublication({ title: p.title, problem: p.problem, proposal: p.proposal, replies: p.reply ? [p.reply.body] : [] }, p.submitterName, { locale });
        return [{
          id: p.id,
          score,
          title: masked.title,
          excerpt: excerpt(masked.problem, EXCERPT_CHARS),
          submittedAt: p.submittedAt,
          reply: p.reply && {
            excerpt: excerpt(masked.replies[0] ?? "", REPLY_CHARS),
            adoption: p.reply.adoption,
            createdAt: p.reply.createdAt,
            department: p.reply.department,
          },
        }];
      });
      return { compared: true, similar, personalData };
    },
  };
}

export type DraftHintService = ReturnType<typeof createDraftHints>;
