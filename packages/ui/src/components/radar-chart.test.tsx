import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { RADAR_GEOMETRY, RadarChart, radarPoint, wrapLabel } from "./radar-chart.tsx";

afterEach(() => cleanup());

const AXES = [
  { key: "NTS", label: "Nhận thức số" },
  { key: "TCS", label: "Thể chế số" },
  { key: "HTS", label: "Hạ tầng số" },
  { key: "NLS", label: "Nhân lực số" },
];
const vi = (v: number) => String(v).replace(".", ",");

/** Distance of a drawn point from the chart's centre. */
function radiusOf(el: Element): number {
  const x = Number(el.getAttribute("cx") ?? Number(el.getAttribute("x")) + 3);
  const y = Number(el.getAttribute("cy") ?? Number(el.getAttribute("y")) + 3);
  return Math.hypot(x - RADAR_GEOMETRY.cx, y - RADAR_GEOMETRY.cy);
}

describe("RadarChart", () => {
  it("is an image named by its title, with a <title> and a text description of every value", () => {
    render(
      <RadarChart
        axes={AXES}
        series={[
          { name: "Xã Khánh Thiện", values: [0.5, 1, 0.25, 0] },
          { name: "Trung bình", values: [0.6, 0.7, 0.4, 0.3] },
        ]}
        title="Chỉ số chính của Xã Khánh Thiện"
        formatValue={vi}
      />,
    );
    const img = screen.getByRole("img", { name: "Chỉ số chính của Xã Khánh Thiện" });
    expect(img.tagName.toLowerCase()).toBe("svg");
    expect(img.querySelector("title")?.textContent).toBe("Chỉ số chính của Xã Khánh Thiện");
    const desc = img.querySelector("desc")!.textContent;
    expect(desc).toContain("Nhận thức số: Xã Khánh Thiện 0,5, Trung bình 0,6");
    expect(desc).toContain("Nhân lực số: Xã Khánh Thiện 0, Trung bình 0,3");
    expect(img.getAttribute("aria-describedby")).toBe(img.querySelector("desc")!.id);
  });

  it("puts each value at its radius on its axis: 1 on ring 1, 0.5 halfway, 0 at the centre; first axis up, clockwise", () => {
    const { container } = render(
      <RadarChart axes={AXES} series={[{ name: "Đơn vị", values: [0.5, 1, 0.25, 0] }]} title="Radar" />,
    );
    const R = RADAR_GEOMETRY.radius;
    const point = (axis: string) => container.querySelector(`.radar-point[data-axis="${axis}"]`)!;
    expect(radiusOf(point("NTS"))).toBeCloseTo(0.5 * R, 1);
    expect(radiusOf(point("TCS"))).toBeCloseTo(R, 1);
    expect(radiusOf(point("HTS"))).toBeCloseTo(0.25 * R, 1);
    expect(radiusOf(point("NLS"))).toBeCloseTo(0, 1);
    // Axis 0 points up (same x, smaller y); axis 1 of four points right.
    expect(Number(point("NTS").getAttribute("cx"))).toBeCloseTo(RADAR_GEOMETRY.cx, 1);
    expect(Number(point("NTS").getAttribute("cy"))).toBeCloseTo(RADAR_GEOMETRY.cy - 0.5 * R, 1);
    expect(Number(point("TCS").getAttribute("cx"))).toBeCloseTo(RADAR_GEOMETRY.cx + R, 1);
    expect(Number(point("TCS").getAttribute("cy"))).toBeCloseTo(RADAR_GEOMETRY.cy, 1);
  });

  it("draws rings at 0.25, 0.5, 0.75 and 1 with the scale written on the first axis", () => {
    const { container } = render(
      <RadarChart
        axes={AXES.slice(0, 3)}
        series={[{ name: "Đơn vị", values: [0.2, 0.4, 0.6] }]}
        title="Radar"
        formatValue={vi}
      />,
    );
    const rings = [...container.querySelectorAll(".radar-ring")];
    expect(rings.map((r) => r.getAttribute("data-ring"))).toEqual(["0.25", "0.5", "0.75", "1"]);
    for (const ring of rings) {
      const v = Number(ring.getAttribute("data-ring"));
      const vertices = ring.getAttribute("points")!.split(" ");
      // A triangle for three axes, every vertex at the ring's radius.
      expect(vertices).toHaveLength(3);
      for (const xy of vertices) {
        const [x, y] = xy.split(",").map(Number);
        expect(Math.hypot(x! - RADAR_GEOMETRY.cx, y! - RADAR_GEOMETRY.cy)).toBeCloseTo(v * RADAR_GEOMETRY.radius, 1);
      }
    }
    expect([...container.querySelectorAll(".radar-tick")].map((t) => t.textContent)).toEqual([
      "0,25",
      "0,5",
      "0,75",
      "1",
    ]);
  });

  it("labels every axis in the given words, and a legend names each series", () => {
    const { container } = render(
      <RadarChart
        axes={[...AXES, { key: "CQS", label: "Hoạt động chính quyền số" }]}
        series={[
          { name: "Tỉnh Ninh Bình", values: [0.5, 0.5, 0.5, 0.5, 0.5] },
          { name: "Trung bình cả nước", values: [0.4, 0.4, 0.4, 0.4, null] },
        ]}
        title="Radar"
      />,
    );
    const labels = [...container.querySelectorAll(".radar-label")];
    expect(labels.map((l) => [...l.querySelectorAll("tspan")].map((s) => s.textContent).join(" "))).toEqual([
      "Nhận thức số",
      "Thể chế số",
      "Hạ tầng số",
      "Nhân lực số",
      "Hoạt động chính quyền số",
    ]);
    const legend = container.querySelector(".radar-legend")!;
    expect([...legend.querySelectorAll("li")].map((li) => li.textContent)).toEqual([
      "Tỉnh Ninh Bình",
      "Trung bình cả nước",
    ]);
    // The second series has no point where it has no value.
    expect(container.querySelectorAll('[data-series="1"] .radar-point')).toHaveLength(4);
    expect(container.querySelectorAll('[data-series="0"] .radar-point')).toHaveLength(5);
  });

  it("draws nothing outside 3..12 axes (the page's table still shows the numbers)", () => {
    const { container } = render(
      <RadarChart axes={AXES.slice(0, 2)} series={[{ name: "Đơn vị", values: [0.1, 0.2] }]} title="Radar" />,
    );
    expect(container.querySelector("svg")).toBeNull();
  });

  it("fits its box: a viewBox and 100% width, so it shrinks to a 320 px screen", () => {
    render(<RadarChart axes={AXES} series={[{ name: "Đơn vị", values: [1, 1, 1, 1] }]} title="Radar" />);
    const svg = screen.getByRole("img");
    expect(svg.getAttribute("viewBox")).toBe(`0 0 ${RADAR_GEOMETRY.width} ${RADAR_GEOMETRY.height}`);
    expect(svg.getAttribute("width")).toBe("100%");
  });
});

describe("radar geometry helpers", () => {
  it("places a value on a circle of radius value × radius, and clamps to 0..1", () => {
    const g = { cx: 100, cy: 100, radius: 50 };
    expect(radarPoint(0, 6, 1, g)).toEqual({ x: 100, y: 50 });
    expect(radarPoint(3, 6, 0.5, g)).toEqual({ x: 100, y: 125 });
    expect(radarPoint(0, 6, 2, g)).toEqual({ x: 100, y: 50 });
    expect(radarPoint(0, 6, -1, g)).toEqual({ x: 100, y: 100 });
  });

  it("wraps long labels at spaces", () => {
    expect(wrapLabel("Hoạt động chính quyền số")).toEqual(["Hoạt động", "chính quyền", "số"]);
    expect(wrapLabel("Hoạt động chính quyền số", 16)).toEqual(["Hoạt động chính", "quyền số"]);
    // Never more than three lines.
    expect(wrapLabel("Chỉ số an toàn thông tin mạng cấp xã")).toEqual(["Chỉ số an", "toàn thông", "tin mạng cấp xã"]);
    expect(wrapLabel("Số")).toEqual(["Số"]);
  });
});
