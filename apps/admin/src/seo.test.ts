/** The admin app is not for search engines: noindex in index.html (robots.txt at the site root disallows /admin too). */
import { describe, expect, it } from "vitest";
import indexHtml from "../index.html?raw";

describe("the admin app for search engines", () => {
  it("index.html has lang=vi, a Vietnamese meta description, and robots noindex", () => {
    const doc = new DOMParser().parseFromString(indexHtml, "text/html");
    expect(doc.documentElement.lang).toBe("vi");
    expect(doc.querySelector('meta[name="description"]')?.getAttribute("content")).toMatch(/chuyển đổi số/);
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute("content")).toMatch(/\bnoindex\b/);
  });
});
