// The golden-ideas showcase (金点子展示): what the public may read of an adopted suggestion whose citizen consented to
// publication. Everything personal stays here: the submitter's name, phone and email are never part of an item, and
// phone numbers, ID numbers, email addresses (and the submitter's own name) inside the free text — the citizen's and
// the department's reply alike — are masked by features/privacy before anything leaves this module.
import type { Infrastructure } from "../../container.ts";
import type { Locale } from "../../platform/i18n.ts";
import { contentWords } from "../../platform/segmenter.ts";
import { ttlCache } from "../../platform/ttl-cache.ts";
import { maskPersonalData } from "../privacy/index.ts";
import { filterChoices, findGoldenIdeas, measuresOf, type ShowcaseRow } from "./showcase.repository.ts";

export const PAGE_SIZE = 20;
export const MAX_PAGE = 50;
/** More words than this is not a search anyone types; it would only make the query slower. */
export const MAX_WORDS = 8;

export interface GoldenIdea {
  id: number;
  title: string;
  problem: string;
  proposal: string;
  submittedAt: Date;
  category: { name: string; nameEn: string };
  round: { id: number; title: string; titleEn: string } | null;
  city: { name: string; nameEn: string } | null;
  reply: { body: string; adoption: string; repliedAt: Date; department: { name: string; nameEn: string } };
  measures: { type: string; title: string; docNumber: string | null; issuingBody: string; issuedOn: Date }[];
}

export interface ShowcaseSearch {
  q: string;
  categoryId: number | null;
  roundId: number | null;
  page: number;
}

export type ShowcaseDeps = Pick<Infrastructure, "db">;

export function createShowcaseService(deps: ShowcaseDeps) {
  const { db } = deps;
  const choices = ttlCache(60_000, () => filterChoices(db));

  function publish(row: ShowcaseRow, locale: Locale): Omit<GoldenIdea, "measures"> {
    const options = { names: [row.realName], locale };
    const mask = (text: string) => maskPersonalData(text, options);
    return {
      id: row.id,
      title: mask(row.title),
      problem: mask(row.problem),
      proposal: mask(row.proposal),
      submittedAt: row.submittedAt,
      category: { name: row.categoryName, nameEn: row.categoryNameEn },
      round: row.roundId ? { id: row.roundId, title: row.roundTitle ?? "", titleEn: row.roundTitleEn ?? "" } : null,
      city: row.cityName ? { name: row.cityName, nameEn: row.cityNameEn ?? "" } : null,
      reply: {
        body: mask(row.replyBody),
        adoption: row.adoption,
        repliedAt: row.repliedAt,
        department: { name: row.departmentName, nameEn: row.departmentNameEn },
      },
    };
  }

  async function withMeasures(items: Omit<GoldenIdea, "measures">[]): Promise<GoldenIdea[]> {
    const measures = await measuresOf(db, items.map((i) => i.id));
    return items.map((i) => ({
      ...i,
      measures: measures.filter((m) => m.suggestionId === i.id).map(({ suggestionId: _, ...m }) => m),
    }));
  }

  return {
    choices: () => choices.get(),

    /** The words a search looks for: jieba's segmentation of what was typed (stop words and bare numbers dropped). */
    searchWords(q: string): string[] {
      return [...new Set(contentWords(q.slice(0, 200)))].slice(0, MAX_WORDS);
    },

    async search(s: ShowcaseSearch, locale: Locale): Promise<{ items: GoldenIdea[]; words: string[]; hasNext: boolean }> {
      const words = this.searchWords(s.q);
      const page = Math.min(Math.max(1, s.page), MAX_PAGE);
      const rows = await findGoldenIdeas(db, {
        words, categoryId: s.categoryId, roundId: s.roundId, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE,
      });
      const published = rows.slice(0, PAGE_SIZE).map((r) => publish(r, locale))
        // The search ran over the text as written; an item found only through what masking hides (the submitter's
        // name, a number) must not be shown for that search, or the search would confirm what the page hides.
        .filter((item) => words.every((w) => `${item.title} ${item.problem} ${item.proposal}`.toLowerCase().includes(w)));
      return { items: await withMeasures(published), words, hasNext: rows.length > PAGE_SIZE };
    },
  };
}

export type ShowcaseService = ReturnType<typeof createShowcaseService>;
