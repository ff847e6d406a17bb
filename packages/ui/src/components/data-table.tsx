/**
 * A table a civil servant can work with: sortable columns (names in
 * Vietnamese order), a filter that ignores diacritics, and export of exactly
 * what is shown: XLSX (the default for civil servants: real numbers and
 * dates), CSV for Excel set to Vietnamese (";", BOM) or CSV for tools (",").
 * The XLSX writer (exceljs, ~1 MB) is loaded only when its button is clicked.
 */
import { useMemo, useState, type ReactNode } from "react";
import { matchesSearch, vietnameseCollator } from "@cds/criteria-schema";
import { downloadCsv } from "../csv.ts";
import { useI18n } from "../i18n.tsx";
import { ScrollTable } from "./scroll-table.tsx";
import { SearchInput } from "./search-input.tsx";
import type { ColumnKind } from "../xlsx-export.ts";

export type { ColumnKind };

export interface Column<Row> {
  key: string;
  header: string;
  /** The value for sorting, filtering and CSV. */
  value: (r: Row) => string | number | null;
  render?: (r: Row) => ReactNode;
  align?: "right";
  /**
   * How the value is shown, for the XLSX export: number (#,##0, or #,##0.00
   * when not whole), percent (a value 0–100), date ("dd/mm/yyyy" or ISO), text.
   * Inferred from the values when absent.
   */
  type?: ColumnKind;
}

export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  csvName,
  title,
  filterable = true,
  caption,
  onRowClick,
}: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (r: Row) => string;
  /** Turns the export buttons on; the CSV file name (and the XLSX one when there is no title). */
  csvName?: string;
  /** The table's title: the XLSX title row and file name ("<title> dd-mm-yyyy.xlsx"). */
  title?: string;
  filterable?: boolean;
  caption?: ReactNode;
  onRowClick?: (r: Row) => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState("");
  const [sort, setSort] = useState<{ key: string; dir: 1 | -1 } | null>(null);
  const [xlsx, setXlsx] = useState<"idle" | "busy" | "failed">("idle");
  const shown = useMemo(() => {
    let out = query ? rows.filter((r) => columns.some((c) => matchesSearch(String(c.value(r) ?? ""), query))) : rows;
    if (sort) {
      const col = columns.find((c) => c.key === sort.key);
      if (col) {
        out = [...out].sort((a, b) => {
          const x = col.value(a);
          const y = col.value(b);
          if (x === y) return 0;
          if (x === null) return 1;
          if (y === null) return -1;
          return (
            (typeof x === "number" && typeof y === "number"
              ? x - y
              : vietnameseCollator.compare(String(x), String(y))) * sort.dir
          );
        });
      }
    }
    return out;
  }, [rows, columns, query, sort]);
  const exportXlsx = () => {
    setXlsx("busy");
    const base = title ?? csvName ?? "";
    import("../xlsx-export.ts")
      .then((m) => m.downloadXlsx(base, columns, shown, { title }))
      .then(
        () => setXlsx("idle"),
        (e: unknown) => {
          console.error("XLSX export failed", e);
          setXlsx("failed");
        },
      );
  };
  return (
    <div className="data-table">
      {(filterable || csvName) && (
        <div className="table-tools">
          {caption && <div className="table-caption">{caption}</div>}
          {filterable && <SearchInput value={query} onChange={setQuery} label={t("common.filter")} />}
          {csvName && (
            <>
              <button type="button" title={t("common.exportXlsxHint")} disabled={xlsx === "busy"} onClick={exportXlsx}>
                {t("common.exportXlsx")}
              </button>
              {xlsx !== "idle" && (
                <span className={xlsx === "failed" ? "error" : "muted"} role={xlsx === "failed" ? "alert" : "status"}>
                  {t(xlsx === "failed" ? "common.exportXlsxFailed" : "common.exportXlsxBusy")}
                </span>
              )}
              <button
                type="button"
                className="secondary"
                title={t("common.exportCsvExcelHint")}
                onClick={() => downloadCsv(csvName, columns, shown, "excel")}
              >
                {t("common.exportCsvExcel")}
              </button>
              <button
                type="button"
                className="secondary"
                title={t("common.exportCsvCommaHint")}
                onClick={() => downloadCsv(csvName, columns, shown, "comma")}
              >
                {t("common.exportCsvComma")}
              </button>
            </>
          )}
        </div>
      )}
      <ScrollTable>
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                className={c.align === "right" ? "num" : undefined}
                aria-sort={sort?.key === c.key ? (sort.dir === 1 ? "ascending" : "descending") : undefined}
              >
                <button
                  type="button"
                  className="th-sort"
                  onClick={() => setSort((s) => ({ key: c.key, dir: s?.key === c.key && s.dir === 1 ? -1 : 1 }))}
                >
                  {c.header}
                  {sort?.key === c.key ? (sort.dir === 1 ? " ▲" : " ▼") : ""}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr
              key={rowKey(r)}
              onClick={onRowClick ? () => onRowClick(r) : undefined}
              className={onRowClick ? "clickable" : undefined}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.align === "right" ? "num" : undefined}>
                  {c.render ? c.render(r) : (c.value(r) ?? "—")}
                </td>
              ))}
            </tr>
          ))}
          {shown.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="empty">
                {t("common.noRows")}
              </td>
            </tr>
          )}
        </tbody>
      </ScrollTable>
    </div>
  );
}
