/** Column makers for DataTable that the pages repeat. */
import type { Column } from "./data-table.tsx";

/** A count, right-aligned and shown in the user's number format (sorted and exported as the number). */
export function countColumn<Row>(
  key: string,
  header: string,
  count: (r: Row) => number,
  format: (n: number) => string,
): Column<Row> {
  return { key, header, value: count, render: (r) => format(count(r)), align: "right" };
}
