import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "../../../../src/features/lifecycle/event-types.ts";
import { PolicyMeasureType } from "../../../../src/generated/prisma/enums.ts";
import { LOCALES } from "../../../../src/platform/i18n.ts";

function eventLabels(locale: string): Record<string, unknown> {
  const casework = JSON.parse(readFileSync(path.join("src/locales", locale, "casework.json"), "utf8")) as { event?: Record<string, unknown> };
  return casework.event ?? {};
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !f.includes(`${path.sep}generated${path.sep}`));
}

describe("handling event types", () => {
  it("when the code writes an event type, then the staff history has a label for it in every language", () => {
    for (const locale of LOCALES) {
      const labels = eventLabels(locale);
      const missing = EVENT_TYPES.filter((type) => typeof labels[type] !== "string" || (labels[type] as string).trim() === "");
      expect(missing, `casework:event.* missing in ${locale}`).toEqual([]);
    }
  });

  it("when a type is written as a literal in src/, then it is one of the listed event types", () => {
    // A HandlingEvent.type is free text to Prisma: a literal that bypasses the list would show raw in the history.
    const allowed = new Set<string>([...EVENT_TYPES, ...Object.values(PolicyMeasureType)]);
    const strays: string[] = [];
    for (const file of sourceFiles("src")) {
      for (const m of readFileSync(file, "utf8").matchAll(/\b(?:type|eventType):\s*"([A-Z][A-Z_]+)"/g)) {
        if (!allowed.has(m[1] ?? "")) strays.push(`${file}: ${m[1]}`);
      }
    }
    expect(strays).toEqual([]);
  });
});
