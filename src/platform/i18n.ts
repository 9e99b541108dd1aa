// UI text lives in src/locales/<lang>/<namespace>.json, one namespace per feature; Simplified Chinese is the default.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type Resource, type TFunction } from "i18next";

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

export type Translate = TFunction;

export function translator(locale: Locale): Translate {
  return instance.getFixedT(locale);
}
