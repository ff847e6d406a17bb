// Sums vitest's per-package "Tests  N passed | M failed" lines from a log and
// prints one closing line: "N passed, M failed" (the form CI reads).
import { readFileSync } from "node:fs";

const log = readFileSync(process.argv[2], "utf8").replace(/\x1b\[[0-9;]*m/g, "");
let passed = 0;
let failed = 0;
let skipped = 0;
for (const line of log.split("\n")) {
  const m = line.match(/^\S*\s*Tests\s+(.*)\(\d+\)\s*$/);
  if (!m) continue;
  for (const part of m[1].split("|")) {
    const n = part.trim().match(/^(\d+) (passed|failed|skipped|todo)/);
    if (!n) continue;
    if (n[2] === "passed") passed += Number(n[1]);
    else if (n[2] === "failed") failed += Number(n[1]);
    else skipped += Number(n[1]);
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
