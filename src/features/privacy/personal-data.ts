// Finds and masks personal data in free text: what publication shows instead of the citizen's own words wherever
// those words would identify or reach them.
import { DEFAULT_LOCALE, translator, type Locale } from "../../platform/i18n.ts";
import {
  findBankCards, findEmails, findIdCards, findLandlines, findLicencePlates, findMobiles, findNames, foldWidth,
  type PersonalDataKind, type PersonalDataMatch,
} from "./detectors.ts";

export interface PersonalDataOptions {
  /** The submitter's own name (and any other names to hide), found wherever they appear. */
  names?: readonly string[];
}

export interface MaskOptions extends PersonalDataOptions {
  /** Language of the placeholders; published text is Chinese, so Chinese by default. */
  locale?: Locale;
}

/** When two findings overlap, the longer one wins; for the same span, the kind a checksum proved. */
const PRIORITY: readonly PersonalDataKind[] = ["idCard", "bankCard", "email", "mobile", "landline", "licencePlate", "name"];

/** Every piece of personal data in `text`, in reading order, none overlapping another. */
export function findPersonalData(text: string, options: PersonalDataOptions = {}): PersonalDataMatch[] {
  const folded = foldWidth(text);
  const candidates = [
    ...findIdCards(folded, text),
    ...findBankCards(folded, text),
    ...findEmails(folded, text),
    ...findMobiles(folded, text),
    ...findLandlines(folded, text),
    ...findLicencePlates(folded, text),
    ...findNames(folded, text, options.names ?? []),
  ].sort((a, b) => b.end - b.start - (a.end - a.start) || PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || a.start - b.start);
  const kept: PersonalDataMatch[] = [];
  for (const c of candidates) {
    if (kept.every((k) => c.end <= k.start || c.start >= k.end)) kept.push(c);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The kinds of personal data in `text`, each once: what the citizen's form names in its hint. */
export function personalDataKinds(text: string, options: PersonalDataOptions = {}): PersonalDataKind[] {
  return [...new Set(findPersonalData(text, options).map((m) => m.kind))];
}

/**
 * `text` with every piece of personal data replaced by a label naming what was there: 【手机号已隐藏】.
 * A label rather than a partial mask (138****1234): the last four digits of the phone are what the tracking page
 * asks for, part of an ID number gives away a birth date and home county, and a reader still understands the
 * sentence ("请拨打【手机号已隐藏】联系我") without being left to guess what the stars replaced.
 */
export function maskPersonalData(text: string, options: MaskOptions = {}): string {
  const t = translator(options.locale ?? DEFAULT_LOCALE);
  let out = "";
  let at = 0;
  for (const m of findPersonalData(text, options)) {
    out += text.slice(at, m.start) + t(`privacy:masked.${m.kind}`);
    at = m.end;
  }
  return out + text.slice(at);
}

/** What the public may see of a suggestion: its free text, and any replies published with it. */
export interface PublishableText {
  title: string;
  problem: string;
  proposal: string;
  replies?: readonly string[];
}

/**
 * The published version of a suggestion's text: every field masked, with the submitter's own name among the names
 * to hide. The one call every public page (the form's similar suggestions, a round's results, the showcase) makes
 * before it renders another citizen's words; the original stays as typed, for staff.
 */
export function maskForPublication<T extends PublishableText>(s: T, submitterName: string | null | undefined, options: MaskOptions = {}): T {
  const names = [...(options.names ?? []), ...(submitterName?.trim() ? [submitterName.trim()] : [])];
  const mask = (text: string) => maskPersonalData(text, { ...options, names });
  return {
    ...s,
    title: mask(s.title),
    problem: mask(s.problem),
    proposal: mask(s.proposal),
    ...(s.replies ? { replies: s.replies.map(mask) } : {}),
  };
}
