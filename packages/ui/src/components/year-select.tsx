/** The year a page shows: a labelled select of the given years, the newest first. */
import { vietnamYear } from "@cds/calendar";
export function YearSelect({
  label,
  years,
  value,
  onChange,
}: {
  label: string;
  years: number[];
  value: number;
  onChange(year: number): void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {years.map((y) => (
          <option key={y} value={y}>
            {y}
          </option>
        ))}
      </select>
    </label>
  );
}

/** This year and the `count - 1` before it, newest first. */
export function recentYears(count: number, now = vietnamYear()): number[] {
  return Array.from({ length: count }, (_, i) => now - i);
}
