/** Small horizontal bar charts in plain CSS: a label, a bar scaled to the largest value, the count. */
export interface Bar {
  key: string;
  label: string;
  value: number;
  /** A CSS class for the bar colour (e.g. level-3, status-submitted). */
  tone?: string;
}

export function BarChart({
  title,
  bars,
  total,
  format,
}: {
  title: string;
  bars: Bar[];
  total?: number;
  format: (n: number) => string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      <dl>
        {bars.map((b) => (
          <div className="bar-row" key={b.key}>
            <dt>{b.label}</dt>
            <dd>
              <span className="bar-track">
                <span className={`bar-fill ${b.tone ?? ""}`} style={{ width: `${(100 * b.value) / max}%` }} />
              </span>
              <span className="bar-value">
                {format(b.value)}
                {total ? <span className="muted"> ({Math.round((100 * b.value) / total)}%)</span> : null}
              </span>
            </dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
