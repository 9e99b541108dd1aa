// The submission baseline: a bare Express app that takes the same urlencoded form and INSERTs the same 12 columns
// with `pg`, then answers 303 — nothing else. What "as fast as this machine can store a suggestion" means here.
// Run by bench/submit.bench.ts in its own process: PORT, DATABASE_URL.
import express from "express";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = express();
app.use(express.urlencoded({ extended: false, limit: "1mb" }));
app.get("/healthz", (_req, res) => void res.send("ok"));
app.post("/suggestions", async (req, res) => {
  const b = req.body as Record<string, string>;
  await pool.query(
    `INSERT INTO bench_submission (tracking_code, kind, title, category_id, region_id, problem, proposal, real_name, phone, email, consent_publish, hide_identity)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [`BL-${process.hrtime.bigint()}`, "EVERYDAY", b.title, Number(b.categoryId), Number(b.regionId), b.problem, b.proposal, b.realName, b.phone, b.email, b.consentPublish === "on", b.hideIdentity === "on"],
  );
  res.redirect(303, "/suggestions/received");
});
const server = app.listen(Number(process.env.PORT), "127.0.0.1");
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
