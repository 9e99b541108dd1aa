// UI text lives in src/locales/<lang>/<namespace>.json, one namespace per feature; Simplified Chinese is the default.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type Resource, type TFunction } from "i18next";
import { formatDate } from "./dates.ts";

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";

export function toLocale(value: unknown): Locale | undefined {
  if (typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  if (v === "en" || v.startsWith("en-")) return "en";
  if (v === "zh-cn" || v === "zh" || v === "zh-hans") return "zh-CN";
  return undefined;
}

const LOCALES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "locales");

function loadResources(): Resource {
  const resources: Resource = {};
  for (const lang of LOCALES) {
    resources[lang] = {};
    for (const file of readdirSync(path.join(LOCALES_DIR, lang))) {
      if (!file.endsWith(".json")) continue;
      resources[lang][file.slice(0, -5)] = JSON.parse(readFileSync(path.join(LOCALES_DIR, lang, file), "utf8"));
    }
  }
  return resources;
}

const instance = i18next.createInstance();
void instance.init({
  resources: loadResources(),
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  defaultNS: "common",
  // Resources are in memory, so init completes synchronously.
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

// "{{dueAt, textDate}}" in a message: a date inside a sentence, in the message's language and in Shanghai time.
instance.services.formatter?.add("textDate", (value: unknown, lng: string | undefined) => formatDate(value, lng ?? DEFAULT_LOCALE, "textDate"));

export type Translate = TFunction;

// The resources never change after start-up, so a message reads the same every time it is asked for with the same
// values: pages ask for dozens per render (the layout alone for twenty, the form's region list one per city), and
// i18next's lookup (key parsing, namespace and fallback resolution, nesting and interpolation passes) was a fifth of
// a page's CPU. Only calls whose values are strings, numbers or booleans are remembered (a Date goes through a
// formatter; an object could change); the memo is emptied when full, as values can come from outside.
const MEMO_LIMIT = 10_000;

function memoized(fixed: TFunction): Translate {
  const texts = new Map<string, string>();
  const call = fixed as unknown as (...args: unknown[]) => unknown;
  const t = (key: unknown, options?: unknown, ...rest: unknown[]): unknown => {
    const id = typeof key === "string" && rest.length === 0 ? memoKey(key, options) : undefined;
    if (id === undefined) return call(key, options, ...rest);
    let text = texts.get(id);
    if (text === undefined) {
      const result = options === undefined ? fixed(key as string) : call(key, options);
      if (typeof result !== "string") return result;
      if (texts.size >= MEMO_LIMIT) texts.clear();
      text = result;
      texts.set(id, text);
    }
    return text;
  };
  return t as unknown as Translate;
}

/** The memo's key for a call, or undefined when the call must go to i18next every time. */
function memoKey(key: string, options: unknown): string | undefined {
  if (options === undefined) return key;
  if (typeof options !== "object" || options === null) return undefined;
  let values: unknown[] | undefined;
  for (const name in options) {
    const value = (options as Record<string, unknown>)[name];
    if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return undefined;
    (values ??= []).push(name, value);
  }
  // JSON keeps 5 and "5" apart and escapes whatever a value contains, so two different calls never share a key.
  return values ? `${key}\u0000${JSON.stringify(values)}` : key;
}

const translators = new Map<Locale, Translate>(LOCALES.map((l) => [l, memoized(instance.getFixedT(l))]));

export function translator(locale: Locale): Translate {
  return translators.get(locale) ?? memoized(instance.getFixedT(locale));
}

/**
 * Reference data and some records carry a Chinese value and an English one (`name` / `nameEn`, `title` /
 * `titleEn`, `note` / `noteEn`): the English one for an English reader when there is one, else the Chinese.
 */
export function localizedField(record: object | null | undefined, field: string, locale: string): string {
  if (!record) return "";
  const fields = record as Record<string, unknown>;
  const en = fields[`${field}En`];
  return locale === "en" && typeof en === "string" && en ? en : String(fields[field] ?? "");
}

export interface Named {
  name: string;
  nameEn: string;
}

export function localizedName(record: Named | null | undefined, locale: string): string {
  return localizedField(record, "name", locale);
}

/** A node and its ancestors as one name, root first: "辽宁省 沈阳市 和平区". */
export function namePath(node: Named & { parent?: (Named & { parent?: unknown }) | null }, locale: string): string {
  const parts: string[] = [];
  let current: (Named & { parent?: unknown }) | null | undefined = node;
  while (current) {
    parts.unshift(localizedName(current, locale));
    current = current.parent as (Named & { parent?: unknown }) | null | undefined;
  }
  return parts.join(" ");
}
