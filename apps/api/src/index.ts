// The API is not built yet (issue 3): `pnpm start` says so instead of pretending.
import { BUILT_IN_SETS } from "@cds/criteria-schema";

console.log("Nền tảng Bộ tiêu chí chuyển đổi số — the API and web apps are not built yet.");
console.log(`Built-in criteria sets: ${Object.keys(BUILT_IN_SETS).join(", ")}. Try: pnpm cds export vn-2361-commune`);
