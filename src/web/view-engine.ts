// The Handlebars set-up of the web pages, in one place for the app and for the tests that render templates.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { create } from "express-handlebars";
import { viewHelpers } from "./view-helpers.ts";

export const VIEWS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "views");

export function viewEngineOptions(): NonNullable<Parameters<typeof create>[0]> {
  return {
    extname: ".hbs",
    defaultLayout: "main",
    layoutsDir: path.join(VIEWS_DIR, "layouts"),
    partialsDir: path.join(VIEWS_DIR, "partials"),
    helpers: viewHelpers,
    // An indented partial call would otherwise indent every line it renders, a textarea's text included.
    compilerOptions: { preventIndent: true },
  };
}
