// The pages' view engine on a views folder of its own: the layout around the view, partials by path, escaping, and
// Express's `cache` flag deciding whether an edited template is seen (VIEW_CACHE) — the app's setting is checked in
// view-cache.test.ts.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createViewEngine } from "../../../src/web/view-engine.ts";
import { translator } from "../../../src/platform/i18n.ts";

let dir: string;
const write = (file: string, text: string) => writeFileSync(path.join(dir, file), text);

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "gi-views-"));
  mkdirSync(path.join(dir, "layouts"));
  mkdirSync(path.join(dir, "partials", "box"), { recursive: true });
  write("layouts/main.hbs", "<main>{{{body}}}</main>\n");
  write("layouts/plain.hbs", "<div>{{{body}}}</div>");
  write("partials/box/item.hbs", "  <i>{{this}}</i>\n");
  write("page.hbs", "\n<h1>{{title}}</h1>{{#each items}}{{> box/item}}{{/each}}<p>{{t \"common:siteName\"}}</p>{{@root.title}}\n");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function render(engine: ReturnType<typeof createViewEngine>, options: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => engine(path.join(dir, "page.hbs"), { t: translator("en"), ...options }, (err, html) => (err ? reject(err) : resolve(html ?? ""))));
}

describe("the pages' view engine", () => {
  it("when a view renders, then it is trimmed, escaped and wrapped in the layout asked for (main unless told)", async () => {
    const engine = createViewEngine(dir);
    const context = { cache: true, title: "<b>A</b>", items: ["x<"] };
    const inner = "<h1>&lt;b&gt;A&lt;/b&gt;</h1><i>x&lt;</i><p>People&#x27;s Suggestions</p>&lt;b&gt;A&lt;/b&gt;";
    expect(await render(engine, context)).toBe(`<main>${inner}</main>`);
    expect(await render(engine, { ...context, layout: "plain" })).toBe(`<div>${inner}</div>`);
    expect(await render(engine, { ...context, layout: false })).toBe(inner);
  });

  it("when caching is on, then an edited template is not read again; when it is off, the edit shows on the next render", async () => {
    const cached = createViewEngine(dir);
    const fresh = createViewEngine(dir);
    expect(await render(cached, { cache: true, layout: "plain", title: "a" })).toContain("<h1>a</h1>");
    write("page.hbs", "<h2>{{title}}</h2>");
    try {
      expect(await render(cached, { cache: true, layout: "plain", title: "a" })).toContain("<h1>a</h1>");
      expect(await render(fresh, { cache: false, layout: "plain", title: "a" })).toBe("<div><h2>a</h2></div>");
    } finally {
      write("page.hbs", "<h1>{{title}}</h1>");
    }
  });

  it("when a template is broken, then the error reaches Express's callback", async () => {
    write("layouts/broken.hbs", "{{#if}}");
    await expect(render(createViewEngine(dir), { cache: true, layout: "broken" })).rejects.toThrow();
  });

  it("when a page is rendered with its locale's translator, then the messages compiled in read exactly as the helper's", async () => {
    write("layouts/bare.hbs", "{{{body}}}");
    write("messages.hbs", [
      '<title>{{t "common:siteName"}} · {{{t "common:siteName"}}}</title>',
      '  {{~t "common:siteOwner"~}}  ',
      '{{#if flag}}',
      '{{t "common:nav.home"}}',
      '{{/if}}',
      '<a title="{{t "common:siteName"}}">{{eq (t "common:siteName") "x"}}</a>{{t "tracking:result.mergedInto" code="<A>"}}',
      '{{#each items}}{{t "common:required"}}{{> box/item (t "common:optional")}}{{/each}}',
    ].join("\n"));
    const engine = createViewEngine(dir);
    const view = (t: unknown, cache: boolean) => new Promise<string>((resolve, reject) =>
      engine(path.join(dir, "messages.hbs"), { cache, t, flag: true, items: [1, 2], layout: "bare" }, (err, html) => (err ? reject(err) : resolve(html ?? ""))));
    for (const locale of ["en", "zh-CN"] as const) {
      const own = translator(locale);
      const helperOnly = (key: string, options?: Record<string, unknown>) => own(key, options);
      const compiledIn = await view(own, true);
      expect(compiledIn).toBe(await view(helperOnly, true));
      expect(compiledIn).toBe(await view(helperOnly, false));
      expect(compiledIn).toContain(own("common:siteName"));
    }
  });
});
