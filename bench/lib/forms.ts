// A citizen's browser session against the app under test: the cookies and CSRF token a form page hands out, and a
// valid everyday suggestion (the same fields the integration tests post).
import type { Db } from "../../src/platform/db.ts";

export interface BrowserSession {
  cookie: string;
  csrf: string;
}

export async function openPage(url: string, cookie = ""): Promise<BrowserSession & { html: string }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}`);
  const jar = new Map(cookie ? cookie.split("; ").map((c) => c.split("=", 2) as [string, string]) : []);
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const [name, value] = (pair ?? "").split("=", 2);
    if (name && value !== undefined) jar.set(name, value);
  }
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  return { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "), csrf, html };
}

export async function everydayFields(db: Db): Promise<Record<string, string>> {
  const [category, county] = await Promise.all([
    db.category.findUniqueOrThrow({ where: { code: "LIVELIHOOD" }, select: { id: true } }),
    db.region.findUniqueOrThrow({ where: { code: "210102" }, select: { id: true } }),
  ]);
  return {
    title: "关于增设社区老年助餐点的建议",
    categoryId: String(category.id),
    regionId: String(county.id),
    problem: "我们小区老年人多，附近没有老年助餐点，独居老人吃饭很不方便。",
    proposal: "建议由街道牵头，利用社区闲置用房开设老年助餐点，并对高龄老人给予就餐补贴。",
    realName: "李秀英",
    phone: "139 1234 5678",
    email: "li.xiuying@citizen.example",
  };
}

export const FORM_URLENCODED = { "content-type": "application/x-www-form-urlencoded" };

export function urlencoded(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
