// The CSV of every suggestion in a scope (staff only, no personal data), streamed: a server-side cursor hands over
// rows a batch at a time and csv-stringify writes them as they come, so a million suggestions take the same memory
// as a thousand. It needs a connection of its own for the cursor's lifetime, not one of Prisma's pool.
import { pipeline } from "node:stream/promises";
import { Transform, type Writable } from "node:stream";
import pg from "pg";
import QueryStream from "pg-query-stream";
import { stringify } from "csv-stringify";
import { shanghaiDateString } from "../../platform/working-days.ts";
import { translator, type Locale } from "../../platform/i18n.ts";
import type { ReportScope } from "./report-scope.ts";
import { suggestionRowsQuery } from "./reports.repository.ts";

const BATCH = 1_000;

interface Row {
  trackingCode: string;
  submittedAt: Date;
  status: string;
  category: string;
  categoryEn: string;
  city: string | null;
  cityEn: string | null;
  round: string | null;
  roundEn: string | null;
  department: string | null;
  departmentEn: string | null;
  replyDueAt: Date | null;
  repliedAt: Date | null;
  adoption: string | null;
  rating: number | null;
  measureCount: number;
}

/** A label per value, translated once: a million rows must not mean a million look-ups. */
function labels(t: (key: string) => string, prefix: string): (value: string) => string {
  const cache = new Map<string, string>();
  return (value) => {
    let label = cache.get(value);
    if (label === undefined) cache.set(value, (label = t(`${prefix}${value}`)));
    return label;
  };
}

export async function streamSuggestionsCsv(databaseUrl: string, scope: ReportScope, locale: Locale, out: Writable): Promise<number> {
  const t = translator(locale);
  const en = locale === "en";
  const status = labels(t, "tracking:status.");
  const adoption = labels(t, "reports:adoption.");
  const [yes, no] = [t("reports:csv.yes"), t("reports:csv.no")];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  let count = 0;
  try {
    const { text, values } = suggestionRowsQuery(scope);
    const rows = client.query(new QueryStream(text, values, { batchSize: BATCH }));
    const toRecord = new Transform({
      objectMode: true,
      transform(r: Row, _enc, done) {
        count += 1;
        const onTime = r.repliedAt && r.replyDueAt ? (r.repliedAt <= r.replyDueAt ? yes : no) : "";
        // Dates as YYYY-MM-DD (Shanghai): what a spreadsheet reads as a date in either language.
        done(null, [
          r.trackingCode, shanghaiDateString(r.submittedAt), status(r.status), en ? r.categoryEn : r.category,
          (en ? r.cityEn : r.city) ?? "", (en ? r.roundEn : r.round) ?? "", (en ? r.departmentEn : r.department) ?? "",
          r.repliedAt ? shanghaiDateString(r.repliedAt) : "", r.adoption ? adoption(r.adoption) : "", onTime,
          r.rating ?? "", r.measureCount,
        ]);
      },
    });
    const header = ["trackingCode", "submittedAt", "status", "category", "city", "round", "department", "repliedAt", "adoption", "onTime", "rating", "measures"]
      .map((k) => t(`reports:csv.${k}`));
    out.write("\uFEFF");
    await pipeline(rows, toRecord, stringify({ header: true, columns: header }), out);
    return count;
  } finally {
    await client.end();
  }
}
