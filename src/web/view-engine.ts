// The Handlebars set-up of the web pages, in one place for the app and for the tests that render templates.
//
// Our own Express view engine over Handlebars rather than express-handlebars: that one rebuilds, on every render,
// the table of all partials through a promise per partial file, merges the helpers three times and resolves
// paths, which together with its promise chains cost as much CPU as rendering the page itself. Here the helpers
// and partials are registered once in an isolated Handlebars environment and a render is two synchronous calls
// (the view, then the layout around it). What a template sees is what express-handlebars gave it: the same
// context (Express's merged locals), `{{{body}}}` in the layout, `layout: false` or another layout per render,
// partials named by their path under views/partials, sources trimmed and compiled with `preventIndent`, output
// trimmed. Each locale gets its own compiled copy with its fixed messages (`{{t "ns:key"}}`) compiled in as text;
// a page whose `t` is not a locale's own translator gets the plain copy, where every message is a helper call.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { viewHelpers } from "./view-helpers.ts";
import { LOCALES, translator, type Translate } from "../platform/i18n.ts";

export const VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "views");

const EXT = ".hbs";
const DEFAULT_LAYOUT = "main";
// An indented partial call would otherwise indent every line it renders, a textarea's text included.
const COMPILER_OPTIONS: CompileOptions = { preventIndent: true };

type Template = Handlebars.TemplateDelegate;
type RenderCallback = (err: Error | null, html?: string) => void;

type Node = { type: string; loc?: unknown };
type WithArgs = Node & { params: Node[]; hash?: { pairs: { value: Node }[] } };
type Sexpr = WithArgs & { path: Node & { original?: unknown; data?: boolean; depth?: number; parts?: string[] } };

/**
 * The text of `{{t "ns:key"}}` or `(t "ns:key")` — a fixed key, no values — in this translation; undefined for any
 * other expression.
 */
function fixedText(node: Sexpr, t: Translate): string | undefined {
  const { path: p, params, hash } = node;
  if (p.type !== "PathExpression" || p.original !== "t" || p.data || p.depth !== 0 || p.parts?.length !== 1) return undefined;
  const key = params[0] as (Node & { value?: unknown }) | undefined;
  if (params.length !== 1 || key?.type !== "StringLiteral" || (hash?.pairs.length ?? 0) > 0) return undefined;
  const text: unknown = t(key.value as string);
  return typeof text === "string" ? text : undefined;
}

/**
 * Replaces, in a template's syntax tree as parsed (before whitespace control), each fixed-key `{{t}}` by its text
 * and each fixed-key `(t)` argument by a string: what the `t` helper would return for this locale, without a helper
 * call per message per render (the layout alone has twenty). A mustache is replaced only when its text cannot
 * change how whitespace control reads its neighbours (no `~`, no surrounding spaces or line breaks, not empty);
 * any other stays a helper call. Keys with values, `t` in partial names and block `t` stay as they are.
 */
function pretranslate(program: { body: Node[] }, t: Translate): void {
  const args = (node: WithArgs) => {
    node.params = node.params.map(arg);
    for (const pair of node.hash?.pairs ?? []) pair.value = arg(pair.value);
  };
  const arg = (node: Node): Node => {
    if (node.type !== "SubExpression") return node;
    const text = fixedText(node as Sexpr, t);
    if (text !== undefined) return { type: "StringLiteral", value: text, original: text, loc: node.loc } as Node;
    args(node as WithArgs);
    return node;
  };
  const statements = (body: Node[]) => {
    for (let i = 0; i < body.length; i++) {
      const node = body[i] as Node & { escaped?: boolean; strip?: { open: boolean; close: boolean }; program?: { body: Node[] }; inverse?: { body: Node[] } };
      if (node.type === "MustacheStatement") {
        const text = node.strip?.open || node.strip?.close ? undefined : fixedText(node as Sexpr, t);
        if (text !== undefined && text !== "" && text === text.trim() && !/[\r\n]/.test(text)) {
          const value = node.escaped ? Handlebars.Utils.escapeExpression(text) : text;
          body[i] = { type: "ContentStatement", value, original: value, loc: node.loc } as Node;
        } else args(node as WithArgs);
      } else if (node.type === "BlockStatement" || node.type === "PartialStatement" || node.type === "PartialBlockStatement") {
        args(node as WithArgs);
        if (node.program) statements(node.program.body);
        if (node.inverse) statements(node.inverse.body);
      }
    }
  };
  statements(program.body);
}

/**
 * A Handlebars environment with the pages' helpers and every partial, and the compiled views by file; with a
 * locale's translator, its fixed messages are compiled in (see pretranslate).
 */
class Variant {
  readonly handlebars = Handlebars.create();
  private readonly templates = new Map<string, Template>();

  constructor(
    private readonly sources: Sources,
    private readonly t: Translate | undefined,
  ) {
    this.handlebars.registerHelper(viewHelpers as Handlebars.HelperDeclareSpec);
    for (const [name, file] of sources.partials) this.handlebars.registerPartial(name, this.compile(file));
  }

  template(file: string): Template {
    let template = this.templates.get(file);
    if (!template) {
      template = this.compile(file);
      this.templates.set(file, template);
    }
    return template;
  }

  private compile(file: string): Template {
    const source = this.sources.read(file);
    if (!this.t) return this.handlebars.compile(source, COMPILER_OPTIONS);
    const ast = Handlebars.parseWithoutProcessing(source);
    pretranslate(ast as unknown as { body: Node[] }, this.t);
    return this.handlebars.compile(ast, COMPILER_OPTIONS);
  }
}

/** The views folder's files, each read once (sources trimmed, as express-handlebars did). */
class Sources {
  readonly partials = new Map<string, string>();
  private readonly texts = new Map<string, string>();

  constructor(readonly dir: string) {
    const partialsDir = path.join(dir, "partials");
    for (const file of readdirSync(partialsDir, { recursive: true, encoding: "utf8" })) {
      if (file.endsWith(EXT)) this.partials.set(file.slice(0, -EXT.length).split(path.sep).join("/"), path.join(partialsDir, file));
    }
  }

  read(file: string): string {
    let text = this.texts.get(file);
    if (text === undefined) {
      text = readFileSync(file, "utf8").trim();
      this.texts.set(file, text);
    }
    return text;
  }
}

/** Every view, compiled once per locale (fixed messages compiled in) and once plain for any other translator. */
class Views {
  private readonly sources: Sources;
  private readonly variants = new Map<Translate | undefined, Variant>();

  constructor(dir: string) {
    this.sources = new Sources(dir);
  }

  /** The variant for a page whose `t` is this one: a locale's own translator, or any other (plain templates). */
  variant(t: unknown): Variant {
    const own = LOCALES.some((l) => translator(l) === t) ? (t as Translate) : undefined;
    let variant = this.variants.get(own);
    if (!variant) {
      variant = new Variant(this.sources, own);
      this.variants.set(own, variant);
    }
    return variant;
  }

  layoutFile(name: string): string {
    return path.resolve(this.sources.dir, "layouts", path.extname(name) ? name : `${name}${EXT}`);
  }
}

/**
 * Express's `app.engine("hbs", …)`. Express passes `cache` (the app's "view cache" setting): with it the views are
 * read and compiled once; without it (VIEW_CACHE=false, for editing templates) everything is read again per render.
 */
export function createViewEngine(dir = VIEWS_DIR) {
  let cached: Views | undefined;
  return function renderFile(file: string, options: object, callback: RenderCallback): void {
    let html: string;
    try {
      const context = options as Record<string, unknown>;
      const views = context.cache ? (cached ??= new Views(dir)) : new Views(dir);
      const variant = views.variant(context.t);
      const layout = "layout" in context ? context.layout : DEFAULT_LAYOUT;
      html = variant.template(file)(context).trim();
      // Object.assign rather than a spread: the same object, several times faster on V8 here.
      if (typeof layout === "string" && layout) html = variant.template(views.layoutFile(layout))(Object.assign({}, context, { body: html })).trim();
    } catch (err) {
      return callback(err as Error);
    }
    // Outside the try: an error thrown while the page is sent must not call back a second time.
    callback(null, html);
  };
}

/** The pages' Handlebars environment (helpers and partials registered, no message compiled in), for tests that render a fragment. */
export function pageHandlebars(dir = VIEWS_DIR): typeof Handlebars {
  return new Views(dir).variant(undefined).handlebars;
}
