import { run } from "./cli.ts";

// pnpm runs root scripts from the workspace root; INIT_CWD is where the user typed the command.
const code = await run(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + "\n"),
  err: (s) => process.stderr.write(s + "\n"),
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
process.exitCode = code;
