// The downloadable forms of a report — CSV, XLSX, PDF — each printing the cells of report-tables.ts as they are.
import { createRequire } from "node:module";
import { stringify } from "csv-stringify/sync";
import { formatDate } from "../../platform/dates.ts";
import { translator, type Locale } from "../../platform/i18n.ts";
import type { ReportData } from "./report-data.ts";
import { reportTables, scopeLabel, type ReportTable } from "./report-tables.ts";

/** Every table one after the other: its title, its header, its rows, a blank line. BOM so Excel reads UTF-8. */
export function reportCsv(tables: ReportTable[]): string {
  const records: (string | number)[][] = [];
  for (const table of tables) {
    records.push([table.title], table.columns, ...table.rows, []);
  }
  return `\uFEFF${stringify(records)}`;
}

/** One sheet per table, named by the table's key (sheet names are limited to 31 characters and some symbols). */
export async function reportXlsx(data: ReportData, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  // Loaded when a workbook is asked for: the worker that only builds reports never pays for it in memory.
  const { default: ExcelJS } = await import("exceljs");
  const book = new ExcelJS.Workbook();
  book.creator = "Golden Ideas";
  book.created = new Date(data.generatedAt);
  const about = book.addWorksheet("report");
  about.addRows([[t("reports:title")], [scopeLabel(data, locale)], [t("reports:show.generatedAt"), formatDate(data.generatedAt, locale, "dateTime")]]);
  for (const table of reportTables(data, locale)) {
    const sheet = book.addWorksheet(table.key.slice(0, 31));
    sheet.addRow([table.title]).font = { bold: true };
    sheet.addRow(table.columns).font = { bold: true };
    sheet.addRows(table.rows);
    sheet.columns.forEach((col) => { col.width = 18; });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

// A full TrueType font from npm (no apt package needed): pdfkit embeds only the glyphs used, with a ToUnicode map,
// so the Chinese text of the PDF stays searchable and extractable.
const require = createRequire(import.meta.url);
const FONT_PATH = require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf");

const A4 = { margin: 40, width: 595.28, height: 841.89 };

export async function reportPdf(data: ReportData, locale: Locale): Promise<Buffer> {
  const t = translator(locale);
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", margin: A4.margin, bufferPages: true, info: { Title: t("reports:title") } });
  doc.registerFont("body", FONT_PATH);
  doc.font("body");
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const usable = A4.width - 2 * A4.margin;
  const bottom = A4.height - A4.margin - 20;
  doc.fontSize(18).text(t("reports:title"));
  doc.fontSize(10).fillColor("#444").text(scopeLabel(data, locale));
  doc.text(`${t("reports:show.generatedAt")}: ${formatDate(data.generatedAt, locale, "dateTime")}`);
  doc.fillColor("black").moveDown();

  for (const table of reportTables(data, locale)) {
    if (doc.y > bottom - 60) doc.addPage();
    doc.fontSize(12).text(table.title, A4.margin, doc.y);
    doc.moveDown(0.3);
    doc.fontSize(8);
    // Wider columns for text, narrower for numbers: weight by the longest cell, within bounds.
    const weights = table.columns.map((col, i) => {
      const longest = Math.max(String(col).length, ...table.rows.map((r) => String(r[i] ?? "").length));
      return Math.min(Math.max(longest, 4), 40);
    });
    const total = weights.reduce((a, b) => a + b, 0);
    const widths = weights.map((w) => (usable * w) / total);
    const drawRow = (cells: (string | number)[], header: boolean) => {
      const heights = cells.map((cell, i) => doc.heightOfString(String(cell), { width: (widths[i] ?? 40) - 4 }));
      const h = Math.max(...heights) + 4;
      if (doc.y + h > bottom) doc.addPage();
      const y = doc.y;
      let x = A4.margin;
      if (header) doc.rect(A4.margin, y, usable, h).fill("#e8eef7").fillColor("black");
      cells.forEach((cell, i) => {
        doc.text(String(cell), x + 2, y + 2, { width: (widths[i] ?? 40) - 4 });
        x += widths[i] ?? 40;
      });
      doc.moveTo(A4.margin, y + h).lineTo(A4.margin + usable, y + h).lineWidth(0.3).strokeColor("#999").stroke();
      doc.x = A4.margin;
      doc.y = y + h;
    };
    drawRow(table.columns, true);
    if (!table.rows.length) drawRow([t("reports:show.noRows")], false);
    for (const row of table.rows) drawRow(row, false);
    doc.moveDown();
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor("#666").text(t("reports:pdf.page", { page: i + 1 }), A4.margin, A4.height - A4.margin, { width: usable, align: "center", lineBreak: false });
  }
  doc.end();
  return done;
}
