import { sharedJieba } from "../../platform/segmenter.ts";

export interface RuleInput {
  id: number;
  name: string;
  priority: number;
  roundId: number | null;
  categoryId: number | null;
  regionId: number | null;
  keywords: string[];
  departmentId: number;
  /** Assisting departments (协办); the matcher ignores them, the decision carries them (routing-decision.ts). */
  assistDepartmentIds?: number[];
}

export interface SuggestionFacts {
  roundId: number | null;
  categoryId: number;
  /** The suggestion's region and all its ancestors, so a rule for a city also catches its counties. */
  regionIds: number[];
  /** Title, problem and proposal together. */
  text: string;
}

/** Why a rule matched, as data: the UI words it in the reader's language. */
export interface RuleReason {
  matchedRound?: boolean;
  matchedCategory?: boolean;
  matchedRegion?: boolean;
  matchedKeywords: string[];
}

export interface RuleMatch {
  rule: RuleInput;
  reason: RuleReason;
}

export interface Tokenizer {
  tokens(text: string): string[];
}

const SEPARATOR_ONLY = /^\s+$/u;

/**
 * Segments text into words for keyword matching. HMM is off so that jieba forms only dictionary words: an
 * administrator can predict from the dictionary how a keyword will split, and a guessed new word cannot fuse a
 * keyword with its neighbours in one sentence but not in another.
 */
export function createTokenizer(): Tokenizer {
  // The process's one jieba (platform/segmenter.ts): its dictionary costs ~200 ms and ~40 MB to load.
  const instance = sharedJieba();
  return {
    tokens(text: string): string[] {
      // NFKC folds full-width letters and digits typed on phones (ＷｉＦｉ), which jieba would split per character.
      const normalized = text.normalize("NFKC").toLowerCase();
      return instance.cut(normalized, false).filter((token) => !SEPARATOR_ONLY.test(token));
    },
  };
}

function containsRun(haystack: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0 || run.length > haystack.length) return false;
  outer: for (let start = 0; start + run.length <= haystack.length; start += 1) {
    for (let offset = 0; offset < run.length; offset += 1) {
      if (haystack[start + offset] !== run[offset]) continue outer;
    }
    return true;
  }
  return false;
}

function meaningfulKeywords(rule: RuleInput): string[] {
  return rule.keywords.map((keyword) => keyword.trim()).filter((keyword) => keyword.length > 0);
}

interface Candidate extends RuleMatch {
  conditionCount: number;
}

function evaluate(rule: RuleInput, facts: SuggestionFacts, textTokens: readonly string[], tokenizer: Tokenizer): Candidate | null {
  const keywords = meaningfulKeywords(rule);
  const reason: RuleReason = { matchedKeywords: [] };
  let conditionCount = 0;

  if (rule.roundId !== null) {
    if (rule.roundId !== facts.roundId) return null;
    reason.matchedRound = true;
    conditionCount += 1;
  }
  if (rule.categoryId !== null) {
    if (rule.categoryId !== facts.categoryId) return null;
    reason.matchedCategory = true;
    conditionCount += 1;
  }
  if (rule.regionId !== null) {
    if (!facts.regionIds.includes(rule.regionId)) return null;
    reason.matchedRegion = true;
    conditionCount += 1;
  }
  if (keywords.length > 0) {
    // A raw substring test would let "停车" fire on "停车场"; comparing whole words keeps rules predictable.
    reason.matchedKeywords = keywords.filter((keyword) => containsRun(textTokens, tokenizer.tokens(keyword)));
    if (reason.matchedKeywords.length === 0) return null;
    conditionCount += 1;
  }

  if (conditionCount === 0) return null;
  return { rule, reason, conditionCount };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  const aRound = a.reason.matchedRound === true ? 0 : 1;
  const bRound = b.reason.matchedRound === true ? 0 : 1;
  return (
    aRound - bRound ||
    a.rule.priority - b.rule.priority ||
    b.conditionCount - a.conditionCount ||
    b.reason.matchedKeywords.length - a.reason.matchedKeywords.length ||
    a.rule.id - b.rule.id
  );
}

/**
 * Picks the rule that routes a suggestion. A rule for the suggestion's round sends it to the round's owner
 * whatever else matches; otherwise every condition a rule sets must hold, and the lowest priority number wins,
 * then the more specific rule (more conditions, then more keywords found), then the oldest rule (lowest id), so
 * the same facts always route the same way.
 */
export function matchRule(rules: readonly RuleInput[], facts: SuggestionFacts, tokenizer: Tokenizer): RuleMatch | null {
  const needsText = rules.some((rule) => meaningfulKeywords(rule).length > 0);
  const textTokens = needsText ? tokenizer.tokens(facts.text) : [];

  let best: Candidate | null = null;
  for (const rule of rules) {
    const candidate = evaluate(rule, facts, textTokens, tokenizer);
    if (candidate !== null && (best === null || compareCandidates(candidate, best) < 0)) best = candidate;
  }
  return best === null ? null : { rule: best.rule, reason: best.reason };
}
