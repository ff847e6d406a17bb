/**
 * A radar (spider) chart of indices on a 0..1 scale, in plain SVG (no chart library): N axes (3 to 12) with their
 * labels, rings at 0.25, 0.5, 0.75 and 1, one or two series (e.g. a unit against the average) and a legend.
 * Accessible: the SVG is an image with a name (`title`) and a text description of every value (`description`); a
 * page shows the same numbers in a table beside it, since a chart is never the only way to read them. It scales
 * with its box (viewBox, width 100%), so it reads at 320 px.
 */
import { useId } from "react";

export const RADAR_MIN_AXES = 3;
export const RADAR_MAX_AXES = 12;
/** The rings drawn (and the scale's steps). */
export const RADAR_RINGS = [0.25, 0.5, 0.75, 1] as const;

export interface RadarAxis {
  key: string;
  label: string;
}

export interface RadarSeries {
  name: string;
  /** One value per axis, in the axes' order, on 0..1 (clamped); null = no value (drawn at the centre, no point). */
  values: readonly (number | null)[];
}

/** The geometry: the chart's centre and the radius of the ring 1. */
export const RADAR_GEOMETRY = { width: 440, height: 380, cx: 220, cy: 190, radius: 100 } as const;

/** Series colours: a filled blue, then a dashed amber outline (distinct by shape as well as colour). */
const SERIES_STYLE = [
  { stroke: "#0b4f9c", fill: "rgba(11, 79, 156, 0.18)", dash: undefined, marker: "circle" },
  { stroke: "#a15c00", fill: "none", dash: "6 4", marker: "square" },
] as const;

/** The angle of axis `i` of `n`: the first points up, the others follow clockwise. */
function angle(i: number, n: number): number {
  return -Math.PI / 2 + (2 * Math.PI * i) / n;
}

/** Where value `v` (0..1) of axis `i` of `n` lies, for a chart centred on (cx, cy) with ring 1 at `radius`. */
export function radarPoint(
  i: number,
  n: number,
  v: number,
  geometry: { cx: number; cy: number; radius: number } = RADAR_GEOMETRY,
): { x: number; y: number } {
  const r = geometry.radius * Math.min(1, Math.max(0, v));
  const a = angle(i, n);
  return { x: round(geometry.cx + r * Math.cos(a)), y: round(geometry.cy + r * Math.sin(a)) };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** A label split into lines of about `width` characters at spaces (three lines at most). */
export function wrapLabel(label: string, width = 12): string[] {
  const words = label.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  for (const w of words) {
    const last = lines.at(-1);
    if (last !== undefined && (last + " " + w).length <= width) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  if (lines.length > 3) return [...lines.slice(0, 2), `${lines.slice(2).join(" ")}`];
  return lines;
}

// Large in the viewBox so that labels stay legible when the chart shrinks to a 320 px screen.
const FONT = 16;
const LINE = 18;

export function RadarChart({
  axes,
  series,
  title,
  description,
  formatValue = String,
  className,
}: {
  axes: readonly RadarAxis[];
  /** One or two series; the first is drawn filled, the second as a dashed outline. */
  series: readonly RadarSeries[];
  /** The chart's accessible name (and SVG <title>). */
  title: string;
  /** A text of the values, read by screen readers (SVG <desc>); defaults to every series' values per axis. */
  description?: string;
  /** How a ring's value is written (e.g. "0,5" in Vietnamese). */
  formatValue?: (v: number) => string;
  className?: string;
}) {
  const id = useId();
  const n = axes.length;
  if (n < RADAR_MIN_AXES || n > RADAR_MAX_AXES || series.length === 0) return null;
  const { width, height, cx, cy } = RADAR_GEOMETRY;
  const shown = series.slice(0, SERIES_STYLE.length);
  const polygon = (v: number) =>
    axes
      .map((_, i) => radarPoint(i, n, v))
      .map((p) => `${p.x},${p.y}`)
      .join(" ");
  const desc =
    description ??
    axes
      .map(
        (a, i) =>
          `${a.label}: ${shown
            .map((s) => {
              const v = s.values[i];
              return `${s.name} ${v === null || v === undefined ? "—" : formatValue(v)}`;
            })
            .join(", ")}`,
      )
      .join("; ");

  return (
    <figure className={["radar-chart", className].filter(Boolean).join(" ")} style={{ margin: 0 }}>
      <svg
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: `${width}px`, height: "auto", display: "block", overflow: "visible" }}
        fontFamily="inherit"
        fontSize={FONT}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <g className="radar-grid" aria-hidden="true">
          {RADAR_RINGS.map((v) => (
            <polygon
              key={v}
              className="radar-ring"
              data-ring={v}
              points={polygon(v)}
              fill={v === 1 ? "#fff" : "none"}
              stroke="#d8dee6"
              strokeWidth={v === 1 ? 1.5 : 1}
            />
          ))}
          {axes.map((a, i) => {
            const end = radarPoint(i, n, 1);
            return <line key={a.key} x1={cx} y1={cy} x2={end.x} y2={end.y} stroke="#d8dee6" strokeWidth={1} />;
          })}
          {RADAR_RINGS.map((v) => {
            // The scale along the first axis (upwards), just right of it.
            const p = radarPoint(0, n, v);
            return (
              <text key={v} className="radar-tick" x={p.x + 4} y={p.y + 4} fontSize={FONT - 3} fill="#5f6b7a">
                {formatValue(v)}
              </text>
            );
          })}
        </g>
        <g className="radar-series" aria-hidden="true">
          {shown.map((s, k) => {
            const style = SERIES_STYLE[k]!;
            const pts = axes.map((_, i) => radarPoint(i, n, s.values[i] ?? 0));
            return (
              <g key={k} data-series={k}>
                <polygon
                  points={pts.map((p) => `${p.x},${p.y}`).join(" ")}
                  fill={style.fill}
                  stroke={style.stroke}
                  strokeWidth={2}
                  strokeDasharray={style.dash}
                  strokeLinejoin="round"
                />
                {axes.map((a, i) => {
                  const v = s.values[i];
                  if (v === null || v === undefined) return null;
                  const p = pts[i]!;
                  return style.marker === "circle" ? (
                    <circle
                      key={a.key}
                      className="radar-point"
                      data-axis={a.key}
                      data-value={v}
                      cx={p.x}
                      cy={p.y}
                      r={3.5}
                      fill={style.stroke}
                    />
                  ) : (
                    <rect
                      key={a.key}
                      className="radar-point"
                      data-axis={a.key}
                      data-value={v}
                      data-cx={p.x}
                      data-cy={p.y}
                      x={p.x - 3}
                      y={p.y - 3}
                      width={6}
                      height={6}
                      fill={style.stroke}
                    />
                  );
                })}
              </g>
            );
          })}
        </g>
        <g className="radar-labels" aria-hidden="true">
          {axes.map((a, i) => (
            <AxisLabel key={a.key} axisKey={a.key} label={a.label} i={i} n={n} />
          ))}
        </g>
      </svg>
      <ul
        className="radar-legend"
        style={{ listStyle: "none", display: "flex", flexWrap: "wrap", gap: "0.25rem 1rem", margin: 0, padding: 0 }}
      >
        {shown.map((s, k) => {
          const style = SERIES_STYLE[k]!;
          return (
            <li key={k} style={{ display: "flex", alignItems: "center", gap: "0.4rem" }}>
              <svg width="28" height="12" aria-hidden="true" focusable="false">
                <line
                  x1="1"
                  y1="6"
                  x2="27"
                  y2="6"
                  stroke={style.stroke}
                  strokeWidth="2.5"
                  strokeDasharray={style.dash}
                />
                {style.marker === "circle" ? (
                  <circle cx="14" cy="6" r="3.5" fill={style.stroke} />
                ) : (
                  <rect x="11" y="3" width="6" height="6" fill={style.stroke} />
                )}
              </svg>
              {s.name}
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

/** An axis's label just outside ring 1, anchored away from the chart, wrapped onto up to three lines. */
function AxisLabel({ axisKey, label, i, n }: { axisKey: string; label: string; i: number; n: number }) {
  const a = angle(i, n);
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const p = radarPoint(i, n, 1);
  const x = round(p.x + cos * 10);
  const y = round(p.y + sin * 10);
  const anchor = cos > 0.25 ? "start" : cos < -0.25 ? "end" : "middle";
  const lines = wrapLabel(label);
  // Above the chart the last line sits on the axis's end, below it the first, beside it the lines are centred, and
  // in between they move smoothly, so that neighbouring labels keep apart.
  const half = ((lines.length - 1) * LINE) / 2;
  const first = round(FONT / 2 - half + sin * (half + FONT / 2));
  return (
    <text className="radar-label" data-axis={axisKey} x={x} y={y} textAnchor={anchor} fill="#1b2430">
      {lines.map((l, k) => (
        <tspan key={k} x={x} dy={k === 0 ? first : LINE}>
          {l}
        </tspan>
      ))}
    </text>
  );
}
