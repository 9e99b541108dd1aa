// A browser-like client over supertest: keeps cookies, and reads the CSRF token from the last page it got.
import request from "supertest";
import type { Express } from "express";

export interface Page { status: number; text: string; headers: Record<string, string>; location?: string }

export function csrfTokenIn(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error("no CSRF token on the page");
  return m[1];
}

export function createAgent(app: Express) {
  const agent = request.agent(app);
  let token = "";
  const toPage = (res: request.Response): Page => ({
    status: res.status,
    text: res.text ?? "",
    headers: res.headers as Record<string, string>,
    location: res.headers.location as string | undefined,
  });
  return {
    agent,
    async get(path: string): Promise<Page> {
      const res = await agent.get(path);
      const m = /name="_csrf" value="([^"]+)"/.exec(res.text ?? "");
      if (m?.[1]) token = m[1];
      return toPage(res);
    },
    /** A urlencoded form post carrying the CSRF token of the last page (unless the fields set _csrf). */
    async post(path: string, fields: Record<string, string | string[]> = {}): Promise<Page> {
      const res = await agent.post(path).type("form").send({ _csrf: token, ...fields });
      return toPage(res);
    },
    get token() {
      return token;
    },
  };
}

export async function signIn(app: Express, email: string, password = "GoldenIdeas#2026") {
  const client = createAgent(app);
  await client.get("/staff/sign-in");
  const res = await client.post("/staff/sign-in", { email, password });
  if (res.status !== 303 || res.location === "/staff/sign-in") throw new Error(`sign-in failed for ${email}: ${res.status}`);
  await client.get("/staff");
  return client;
}
