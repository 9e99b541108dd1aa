// The pages baseline: a bare Express + express-handlebars app rendering the site's own layout (views/layouts/main.hbs,
// the same helpers and the same translations) around a small static body — no database, no middleware. What "as
// fast as this machine can send one of our pages" means here. Run by bench/pages.bench.ts: PORT.
import path from "node:path";
import express from "express";
import { engine } from "express-handlebars";
import { viewHelpers } from "../../src/web/view-helpers.ts";
import { translator } from "../../src/platform/i18n.ts";
import { ROOT } from "../lib/processes.ts";

const app = express();
app.engine("hbs", engine({ extname: ".hbs", defaultLayout: "main", layoutsDir: path.join(ROOT, "views/layouts"), partialsDir: path.join(ROOT, "views/partials"), helpers: viewHelpers }));
app.set("view engine", "hbs");
app.set("views", path.join(ROOT, "bench/baseline/views"));
app.enable("view cache");
const t = translator("zh-CN");
const items = Array.from({ length: 10 }, (_, i) => `第${i + 1}项`);
app.get("/healthz", (_req, res) => void res.send("ok"));
app.get("/", (req, res) => {
  res.render("page", { title: t("common:siteName"), t, locale: "zh-CN", htmlLang: "zh-CN", otherLocale: "en", currentUrl: req.originalUrl, items });
});
const server = app.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
});
