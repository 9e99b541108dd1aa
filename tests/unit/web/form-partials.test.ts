// The form partials as a page renders them (the app's own Handlebars set-up): ids, labels, hints, errors and the
// aria wiring between them; and that every form in views/ is built from them.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type HandlebarsModule from "handlebars";
import { translator, type Locale } from "../../../src/platform/i18n.ts";
import { pageHandlebars, VIEWS_DIR } from "../../../src/web/view-engine.ts";

let hb: typeof HandlebarsModule;

beforeAll(() => {
  hb = pageHandlebars();
});

function render(source: string, context: Record<string, unknown> = {}, locale: Locale = "zh-CN"): string {
  return hb.compile(source, { preventIndent: true })({ t: translator(locale), locale, csrfToken: "tok", ...context });
}

/** The opening tag of the element with this id. */
function tagOf(html: string, id: string): string {
  return new RegExp(`<[a-z]+[^>]* id="${id}"[^>]*>`).exec(html)?.[0] ?? "";
}

describe("form/field", () => {
  it("when a text field has a hint and an error, then the label names it, and the input points at both and is marked invalid", () => {
    const html = render(`{{> form/field (field id="f-phone" name="phone" type="tel" label="手机号码" required=true autocomplete="tel"
      hint="仅用于查询" error=errors.phone value=values.phone)}}`, { errors: { phone: "请填写手机号码。" }, values: { phone: "139<>" } });
    expect(html).toContain('<label for="f-phone">手机号码 <span class="req">（必填）</span></label>');
    expect(html).toContain('<p class="hint" id="f-phone-hint">仅用于查询</p>');
    expect(html).toContain('<p class="field-error" id="f-phone-error">请填写手机号码。</p>');
    const input = tagOf(html, "f-phone");
    expect(input).toMatch(/^<input type="tel" id="f-phone" name="phone" value="139&lt;&gt;"/);
    for (const attr of ['autocomplete="tel"', "required", 'aria-describedby="f-phone-hint f-phone-error"', 'aria-invalid="true"']) expect(input).toContain(attr);
    expect(html).toMatch(/<div class="field has-error">/);
  });

  it("when the same field has no error, then it is described by its hint alone and not marked invalid", () => {
    const html = render(`{{> form/field (field id="f-phone" name="phone" label="手机号码" hint="仅用于查询" error=errors.phone)}}`, { errors: {} });
    const input = tagOf(html, "f-phone");
    expect(input).toContain('aria-describedby="f-phone-hint"');
    expect(input).not.toContain("aria-invalid");
    expect(html).not.toContain("field-error");
  });

  it("when the page around a field has keys named like its settings (hint, error, value), then they do not leak into it", () => {
    const html = render(`{{> form/field (field id="f-code" name="code" label="查询码")}}`, { hint: "LEAK", error: "LEAK", value: "LEAK", label: "LEAK" });
    expect(html).not.toContain("LEAK");
    expect(tagOf(html, "f-code")).toBe('<input type="text" id="f-code" name="code" value="">');
  });

  it("when an indented textarea is rendered again with several lines, then its text comes back exactly as typed, with its maxlength", () => {
    const typed = "第一行\n  第二行\n第三行";
    const html = render(`<form>\n    <div>\n      {{> form/field (field type="textarea" id="f-note" name="note" rows=4 maxlength=2000 label="备注" value=note)}}\n    </div>\n</form>`, { note: typed });
    expect(html).toContain(`>${typed}</textarea>`);
    expect(tagOf(html, "f-note")).toContain('maxlength="2000"');
    expect(tagOf(html, "f-note")).toContain('rows="4"');
  });

  it("when a select lists an enum after a failed post, then its empty first option, every value with its label and the chosen one are there", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const html = render(`{{> form/field (field type="select" id="r" name="reason" label="原因" required=true placeholder=(t "coordination:form.choose")
        options=(enumOptions "NotAcceptedReason" "coordination:notAcceptedReason" selected=chosen))}}`, { chosen: "PRIVATE_DISPUTE" }, locale);
      const t = translator(locale);
      expect(html).toContain(`<option value="">${t("coordination:form.choose")}</option>`);
      expect(html).toContain(`<option value="PRIVATE_DISPUTE" selected>${t("coordination:notAcceptedReason.PRIVATE_DISPUTE")}</option>`);
      expect(html.match(/<option value="[A-Z_]+"/g)).toHaveLength(6);
      expect(html.match(/ selected>/g)).toHaveLength(1);
    }
  });

  it("when a select has a partial block, then the block gives its options and sees what the field was given", () => {
    const html = render(`{{#> form/field (field type="select" id="f-region" name="regionId" label="地区" optionsBlock=true cities=cities)}}{{#each cities}}<optgroup label="{{name}}"></optgroup>{{/each}}{{/form/field}}`, { cities: [{ name: "沈阳市" }] });
    expect(html).toContain('<optgroup label="沈阳市"></optgroup>');
  });

  it("when a single checkbox has a hint, then the hint is tied to it and the box is checked as before", () => {
    const html = render(`{{> form/field (field type="checkbox" id="f-consent" name="consent" label="同意公开" hint="可随时撤回" checked=true)}}`);
    expect(tagOf(html, "f-consent")).toBe('<input type="checkbox" id="f-consent" name="consent" value="on" checked aria-describedby="f-consent-hint">');
    expect(html).toContain('<label class="checkbox" for="f-consent">');
  });

  it("when a password field is rendered, then it never carries a value", () => {
    const html = render(`{{> form/field (field type="password" id="password" label="密码" value="secret" autocomplete="current-password" required=true marker=false)}}`);
    expect(tagOf(html, "password")).toBe('<input type="password" id="password" name="password" autocomplete="current-password" required>');
    expect(html).not.toContain('class="req"');
  });
});

describe("form/choices", () => {
  it("when a radio group has an error, then the fieldset's legend labels it, the fieldset points at the error, and the summary's link lands on the first radio", () => {
    const html = render(`{{> form/choices (field type="radio" id="f-adoption" name="adoption" label="采纳情况" required=true error="请选择。"
      options=(enumOptions "AdoptionResult" "casework:adoption" selected="FOR_REFERENCE"))}}`);
    expect(html).toMatch(/<fieldset class="field has-error" aria-describedby="f-adoption-error">\s*<legend>采纳情况 <span class="req">（必填）<\/span><\/legend>/);
    expect(tagOf(html, "f-adoption")).toBe('<input type="radio" id="f-adoption" name="adoption" value="ADOPTED" required>');
    expect(tagOf(html, "f-adoption-FOR_REFERENCE")).toBe('<input type="radio" id="f-adoption-FOR_REFERENCE" name="adoption" value="FOR_REFERENCE" checked required>');
    expect(html.match(/type="radio"/g)).toHaveLength(4);
    for (const id of ["f-adoption", "f-adoption-PARTIALLY_ADOPTED", "f-adoption-FOR_REFERENCE", "f-adoption-NOT_ADOPTED"]) expect(html).toContain(`<label class="checkbox" for="${id}">`);
  });

  it("when a group's option text comes from the partial block, then each option shows it with its own value", () => {
    const html = render(`{{#> form/choices (field type="radio" id="s" name="score" label="评分" options=scores labelBlock=true)}}<b>{{value}} ★</b> {{label}}{{/form/choices}}`, {
      scores: [{ value: 1, label: "很不满意" }, { value: 5, label: "很满意" }],
    });
    expect(html).toContain("<span><b>1 ★</b> 很不满意</span>");
    expect(html).toContain("<span><b>5 ★</b> 很满意</span>");
  });

  it("when a checkbox group is rendered again, then the boxes chosen are checked and none is required", () => {
    const html = render(`{{> form/choices (field type="checkbox" id="g" name="ids" label="协办单位" optional=true value=chosen options=(referenceOptions list "name"))}}`, {
      chosen: [2], list: [{ id: 1, name: "甲" }, { id: 2, name: "乙" }],
    });
    expect(tagOf(html, "g")).toBe('<input type="checkbox" id="g" name="ids" value="1">');
    expect(tagOf(html, "g-2")).toBe('<input type="checkbox" id="g-2" name="ids" value="2" checked>');
  });
});

describe("form/error-summary", () => {
  it("when there are errors, then each message links to its field, under a heading that labels the alert", () => {
    const html = render(`{{> form/error-summary (errorSummary errors=errorList title="请修改以下内容")}}`, { errorList: [{ id: "f-title", message: "请填写标题。" }, { id: "f-phone", message: "请填写手机号码。" }] });
    expect(html).toContain('<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary">');
    expect(html).toContain('<h2 id="error-summary-title">请修改以下内容</h2>');
    expect(html).toContain('<li><a href="#f-title">请填写标题。</a></li><li><a href="#f-phone">请填写手机号码。</a></li>');
  });

  it("when there is nothing to fix, then nothing is rendered", () => {
    expect(render(`{{> form/error-summary (errorSummary errors=errorList title="x")}}`, { errorList: [] }).trim()).toBe("");
  });
});

describe("data-table", () => {
  it("when a table is rendered, then its header cells are column headers and the block gives one row per record", () => {
    const html = render(`{{#> data-table (dataTable rows=items id="inbox" caption="待办" columns=(list "查询码" "标题"))}}{{#each rows}}<tr><td>{{code}}</td></tr>{{/each}}{{/data-table}}`, {
      items: [{ code: "A1" }, { code: "B2" }],
    });
    expect(html).toContain('<table id="inbox">');
    expect(html).toContain('<caption class="visually-hidden">待办</caption>');
    expect(html).toContain('<th scope="col">查询码</th><th scope="col">标题</th>');
    expect(html).toMatch(/<tbody>\s*<tr><td>A1<\/td><\/tr><tr><td>B2<\/td><\/tr>\s*<\/tbody>/);
  });
});

describe("the templates", () => {
  function templates(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return ["emails", "form"].includes(e.name) ? [] : templates(full);
      return e.name.endsWith(".hbs") ? [full] : [];
    });
  }

  it("when a page has a form, then its labels, controls and error summary come from the form partials, not written by hand", () => {
    const handWritten: string[] = [];
    for (const file of templates(VIEWS_DIR)) {
      const source = readFileSync(file, "utf8").replace(/{{!--[\s\S]*?--}}/g, "");
      // A plain <fieldset> groups sections of a form; a form-level message (id="form-error") belongs to no field.
      const found = source.match(/<label\b|<select\b|<textarea\b|<fieldset class|class="error-summary"|class="field-error"(?! id="form-error")|<input\b(?![^>]*type="hidden")/g) ?? [];
      for (const what of found) handWritten.push(`${path.relative(VIEWS_DIR, file)}: ${what}`);
    }
    expect(handWritten).toEqual([]);
  });
});
