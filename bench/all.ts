// `npm run bench`: every benchmark in turn, each in its own process. A failed one (an integrity check, a crash) does
// not stop the others; the exit code says whether all passed.
import { spawnSync } from "node:child_process";
import { ROOT } from "./lib/processes.ts";

const BENCHES = ["submit", "route", "pages", "inbox"];
const failed: string[] = [];
for (const name of BENCHES) {
  const run = spawnSync(process.execPath, ["--import", "tsx", `bench/${name}.bench.ts`], { cwd: ROOT, stdio: "inherit" });
  if (run.status !== 0) failed.push(name);
}
console.log(failed.length ? `\nbenchmarks that failed: ${failed.join(", ")}` : "\nall benchmarks passed their checks");
process.exit(failed.length ? 1 : 0);
