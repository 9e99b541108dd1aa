// The note of a handling event, stored in both of the platform's languages: `note` in Chinese (the working
// language, and what a person typed, as typed) and `noteEn` in English when the system wrote it. System-written
// notes come from the locale files of the feature that writes them, rendered for each language when the event is
// written: the history is a record of what was said at the time, so it does not change when a wording does, and a
// page picks the reader's language with `localizedField(event, "note", locale)`.
import { LOCALES, translator, type Locale } from "../../platform/i18n.ts";

export interface EventNote {
  note: string | null;
  /** Null for text a person typed: that reads the same in every language. */
  noteEn: string | null;
}

export const NO_NOTE: EventNote = { note: null, noteEn: null };

/** A value that reads differently per language (a department's name, a list, a phrase): a note's parameter. */
export class LocalizedText {
  constructor(
    readonly zh: string,
    /** Empty when there is no English: the Chinese is shown instead. */
    readonly en: string,
  ) {}

  in(locale: Locale): string {
    return locale === "en" && this.en ? this.en : this.zh;
  }
}

/** A bilingual record field as a note parameter: `localizedText(department.name, department.nameEn)`. */
export function localizedText(zh: string, en: string): LocalizedText {
  return new LocalizedText(zh, en);
}

function render(locale: Locale, key: string, params: Record<string, unknown>): string {
  const resolved = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v instanceof LocalizedText ? v.in(locale) : v]));
  return translator(locale)(key, resolved);
}

/** A locale message in every language, to be a parameter of another (a phrase inside a note). */
export function localizedMessage(key: string, params: Record<string, unknown> = {}): LocalizedText {
  const [zh, en] = (["zh-CN", "en"] as const).map((locale) => render(locale, key, params)) as [string, string];
  return new LocalizedText(zh, en);
}

/** A note the system writes, from a locale key, in Chinese and English. Dates go in as ISO strings. */
export function systemNote(key: string, params: Record<string, unknown> = {}): EventNote {
  const text = localizedMessage(key, params);
  return { note: text.zh, noteEn: text.en };
}

/** A system line followed by what a person typed (a referral's channel, then the office's note to the citizen). */
export function systemNoteWithText(key: string, params: Record<string, unknown>, text: string): EventNote {
  const line = systemNote(key, params);
  return { note: `${line.note}\n${text}`, noteEn: `${line.noteEn}\n${text}` };
}

/** What a person typed: kept as typed, for every reader. */
export function typedNote(text: string | null | undefined): EventNote {
  return { note: text ?? null, noteEn: null };
}

// Both columns are filled for every language the platform speaks: a third language needs a column of its own.
const _columnsCoverEveryLocale: readonly ["zh-CN", "en"] = LOCALES;
void _columnsCoverEveryLocale;
