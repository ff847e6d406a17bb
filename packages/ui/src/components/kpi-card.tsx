/** One key figure of a dashboard: the value large, its label below, and an optional second line. */
export function KpiCard({
  label,
  value,
  sub,
  testId,
  tone,
}: {
  label: string;
  value: string | number;
  sub?: string;
  testId?: string;
  /** An extra class that colours the figure (e.g. "kpi-stricter"). */
  tone?: string;
}) {
  return (
    <div className={tone ? `kpi ${tone}` : "kpi"}>
      <div className="value" data-testid={testId}>
        {value}
      </div>
      <div className="label">{label}</div>
      {sub && <div className="label">{sub}</div>}
    </div>
  );
}
