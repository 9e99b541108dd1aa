// Browser tests need Debian's Chromium; without it, say so in one line instead of a stack trace.
import { existsSync } from "node:fs";
import { CHROMIUM_PATH } from "./browser.ts";
import setupDatabase from "./global-setup.ts";

export default async function setup() {
  if (!existsSync(CHROMIUM_PATH)) {
    console.error(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install chromium fonts-noto-cjk fonts-wqy-zenhei\` (or set CHROMIUM_PATH).`);
    process.exit(1);
  }
  await setupDatabase();
}
