/**
 * The `cds` command. Every rule is judged by criteria-schema and
 * criteria-core; this file only reads files, calls them and prints.
 *
 * Exit codes: 0 done; 1 the document given to `validate` is not a valid set;
 * 2 bad input or usage (unknown set, unreadable file, invalid values…).
 */
import { builtInSetIds } from "@cds/criteria-schema";
import { InvalidValuesError } from "@cds/criteria-core";
import { evaluateCommand, gapsCommand, templateCommand } from "./commands/evaluate.ts";
import { rankCommand } from "./commands/rank.ts";
import { diffCommand, exportCommand, validateCommand } from "./commands/sets.ts";
import { unitsCommand } from "./commands/units.ts";
import { UsageError, type Io } from "./input.ts";

export type { Io } from "./input.ts";

const HELP = `cds — Bộ tiêu chí và Bộ chỉ số chuyển đổi số (criteria sets and scored indices)

Cách dùng / usage:
  cds export <id>                          in bộ tiêu chí có sẵn dạng JSON (${builtInSetIds().join(", ")})
  cds validate <file>                      kiểm tra một bộ tiêu chí; mã thoát 1 nếu có lỗi (mỗi lỗi kèm đường dẫn JSON)
  cds evaluate <id-or-file> <values.json|values.xlsx> [--json]
                                           đánh giá số liệu của một đơn vị: bộ theo mức độ in JSON;
                                           bộ chấm điểm in bảng điểm (JSON với --json); tệp .xlsx là
                                           mẫu nhập số liệu đã điền (xem cds template)
  cds template <id-or-file> --xlsx <file.xlsx>
                                           ghi mẫu nhập số liệu Excel cho một đơn vị
  cds rank <id-or-file> <units.json> [--json]
                                           chấm điểm và xếp hạng các đơn vị (bộ chấm điểm)
  cds gaps <id-or-file> <values.json> <level>
                                           những gì còn thiếu để đạt mức <level>; bộ chấm điểm: điểm còn thiếu
                                           của từng chỉ số thành phần (không cần <level>)
  cds diff <a> <b> [--json]                so sánh hai bộ tiêu chí (id có sẵn hoặc tệp)
  cds units [--at <yyyy-mm-dd>] --stats [--json]
                                           bản đồ hành chính có hiệu lực vào ngày đó (mặc định hôm nay),
                                           số đơn vị theo cấp, các cạnh sáp nhập và những gì dữ liệu không nói được
  cds help

Values (values.json): an object keyed by criterion code — a percent number,
{ "numerator": n, "denominator": d }, true/false, { "count": n },
{ "count": n, "total": t }, { "childLevels": [3, 2, 4] } or, for "nếu có"
criteria, { "noSubjects": true }. For a scored set, keyed by component code:
true/false, a ratio or a percent, { "count": n }, an index 0..1,
{ "points": p } (appraised) or { "notApplicable": true }.
Units (units.json): an object keyed by unit name, each a values object or
{ "values": {…}, "unitKind": "commune", "unitType": "Phường" }.`;

const COMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  export: exportCommand,
  validate: validateCommand,
  evaluate: evaluateCommand,
  rank: rankCommand,
  gaps: gapsCommand,
  diff: diffCommand,
  template: templateCommand,
  units: unitsCommand,
};

/** Runs one command line; returns the exit code. Never throws for bad input. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(HELP);
    return command ? 0 : 2;
  }
  const fn = COMMANDS[command];
  if (!fn) {
    io.err(`Lệnh không hợp lệ: "${command}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await fn(args, io);
  } catch (e) {
    if (e instanceof InvalidValuesError) {
      io.err(`Số liệu không hợp lệ (${e.issues.length} lỗi):`);
      for (const i of e.issues) io.err(`  ${i.message}`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
}
