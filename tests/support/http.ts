// HTTP helpers over supertest: the one CSRF token reader, a browser-like client (cookies kept, the token of the
// last page sent with each form post), staff sign-in, and multipart forms as a browser sends them.
import request from "supertest";
import type { Express } from "express";

export interface Page { status: number; text: string; headers: Record<string, string>; location?: string }

/** The CSRF token of the first form on the page; throws when there is none. */
export function csrfTokenIn(html: string): string {
  const token = findCsrfToken(html);
  if (!token) throw new Error("no CSRF token on the page");
  return token;
}

function findCsrfToken(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
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
      token = findCsrfToken(res.text ?? "") ?? token;
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

export interface UploadFile {
  buffer: Buffer;
  filename: string;
  contentType?: string;
}

/** A browser session on a form page: cookies kept, the CSRF token read from the page. */
export async function openForm(app: Express, formPath: string) {
  const agent = request.agent(app);
  const page = await agent.get(formPath);
  if (page.status !== 200) throw new Error(`GET ${formPath} answered ${page.status}`);
  return { agent, token: csrfTokenIn(page.text), page };
}

/** A multipart form post as a browser sends it: fields in order (the token first), the files last. */
export function postMultipart(
  agent: ReturnType<typeof request.agent>,
  url: string,
  fields: Record<string, string | undefined>,
  files: UploadFile[] = [],
  fileField = "attachments",
) {
  let req = agent.post(url);
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) req = req.field(name, value);
  for (const f of files) req = req.attach(fileField, f.buffer, { filename: f.filename, contentType: f.contentType ?? "application/octet-stream" });
  return req;
}
