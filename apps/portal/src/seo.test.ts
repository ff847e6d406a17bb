/**
 * What search engines read before any script runs: the page's language, title
 * and Vietnamese description in index.html, and robots.txt (public/, copied
 * by Vite to the root of the built site, served as text/plain by the API).
 */
import { describe, expect, it } from "vitest";
import indexHtml from "../index.html?raw";
import robotsTxt from "../public/robots.txt?raw";

describe("the portal for search engines", () => {
  it("index.html has lang=vi, a title and a Vietnamese meta description of useful length, and is not noindex", () => {
    const doc = new DOMParser().parseFromString(indexHtml, "text/html");
    expect(doc.documentElement.lang).toBe("vi");
    expect(doc.title.trim().length).toBeGreaterThan(10);
    const description = doc.querySelectorAll('meta[name="description"]');
    expect(description).toHaveLength(1);
    const text = description[0]!.getAttribute("content") ?? "";
    expect(text.length).toBeGreaterThanOrEqual(70);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toMatch(/chuyển đổi số/);
    expect(doc.querySelector('meta[name="robots"]')?.getAttribute("content") ?? "").not.toMatch(/noindex/);
  });

  it("robots.txt is valid: one group for every crawler, public pages allowed, admin, personal pages, the API and evidence disallowed", () => {
    const text = robotsTxt;
    const lines = text
      .split(/\r?\n/)
      .map((l) => l.replace(/#.*/, "").trim())
      .filter(Boolean);
    // Every line is a known field with a value (RFC 9309).
    for (const l of lines) expect(l).toMatch(/^(User-agent|Allow|Disallow|Sitemap):\s*\S+$/i);
    expect(lines[0]).toBe("User-agent: *");
    const rules = lines.slice(1).map((l) => {
      const [field, value] = l.split(/:\s*/);
      return { allow: field!.toLowerCase() === "allow", path: value! };
    });
    // Longest match wins (RFC 9309 §2.2.2); a tie goes to Allow.
    const allowed = (p: string) => {
      const hits = rules
        .filter((r) => p.startsWith(r.path))
        .sort((a, b) => b.path.length - a.path.length || Number(b.allow) - Number(a.allow));
      return hits.length === 0 || hits[0]!.allow;
    };
    for (const p of ["/", "/sets", "/units/14560"]) expect(allowed(p), p).toBe(true);
    for (const p of ["/admin", "/admin/", "/admin/sets", "/my", "/assessments/abc", "/graphql", "/evidence/x1"])
      expect(allowed(p), p).toBe(false);
  });
});
