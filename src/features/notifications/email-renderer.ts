// Turns an outbox row into a message: subject from the "emails" locale namespace, an HTML and a plain-text part
// from views/emails/<template>.{html,text}.hbs inside the matching layout, all in the message's own locale.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { DEFAULT_LOCALE, toLocale, translator, type Locale } from "../../platform/i18n.ts";
import { viewHelpers } from "../../web/view-helpers.ts";
import { isEmailTemplate, type EmailTemplate } from "./outbox.ts";

export const EMAIL_VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "views", "emails");

/** Rendering can never succeed for this message (an unknown template name): retrying does not help. */
export class UnknownTemplateError extends Error {
  constructor(template: string) {
    super(`unknown email template ${JSON.stringify(template)}`);
    this.name = "UnknownTemplateError";
  }
}

/** Platform facts every template may show, as {{@root.site.*}}. */
export interface EmailSite {
  baseUrl: string;
  screeningWorkingDays: number;
}

export interface EmailToRender {
  template: string;
  locale: string;
  data: Record<string, unknown>;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailRenderer {
  render(message: EmailToRender): RenderedEmail;
}

type Compiled = (context: unknown, options: { data: unknown }) => string;

export function createEmailRenderer(opts: { site: EmailSite; viewsDir?: string; cache?: boolean }): EmailRenderer {
  const viewsDir = opts.viewsDir ?? EMAIL_VIEWS_DIR;
  const cache = opts.cache ?? true;
  // An isolated Handlebars environment with the web's helpers ({{t}}, {{formatDate}}, ...), so emails and pages
  // format dates and words the same way.
  const hb = Handlebars.create();
  for (const [name, helper] of Object.entries(viewHelpers)) hb.registerHelper(name, helper);
  const compiled = new Map<string, Compiled>();

  function load(file: string): Compiled {
    const hit = cache ? compiled.get(file) : undefined;
    if (hit) return hit;
    const source = readFileSync(path.join(viewsDir, file), "utf8");
    // A plain-text part must not be HTML-escaped: "&" stays "&", a title with "<" reads as typed.
    const template = hb.compile(source, { noEscape: file.endsWith(".text.hbs"), strict: false }) as Compiled;
    if (cache) compiled.set(file, template);
    return template;
  }

  return {
    render(message) {
      if (!isEmailTemplate(message.template)) throw new UnknownTemplateError(message.template);
      const template: EmailTemplate = message.template;
      const locale: Locale = toLocale(message.locale) ?? DEFAULT_LOCALE;
      const t = translator(locale);
      const runtime = { data: { root: { t, locale, site: opts.site } } };
      // `replace` keeps the row's data out of i18next's own options (a data key named "lng" or "count").
      const subject = t(`emails:${template}.subject`, { replace: message.data }).replace(/\s+/g, " ").trim();
      const html = load("layouts/email.html.hbs")({ subject, body: load(`${template}.html.hbs`)(message.data, runtime) }, runtime);
      const text = load("layouts/email.text.hbs")({ subject, body: load(`${template}.text.hbs`)(message.data, runtime).trim() }, runtime);
      return { subject, html, text: tidyText(text) };
    },
  };
}

/** Blank lines left by conditional sections collapse to one, and lines lose trailing spaces. */
function tidyText(text: string): string {
  return `${text.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}
