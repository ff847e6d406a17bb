/** A small history-API router: enough for a few screens, no dependency, no extra kilobytes. */
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from "react";

let base = "";

/** The path the app is served under, e.g. "/admin" (no trailing slash). */
export function setRouterBase(b: string): void {
  base = b.replace(/\/$/, "");
}

function current(): string {
  const p = window.location.pathname;
  const rel = base && p.startsWith(base) ? p.slice(base.length) : p;
  return (rel || "/") + window.location.search;
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = base + to;
  if (opts.replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  window.dispatchEvent(new PopStateEvent("popstate"));
  window.scrollTo(0, 0);
}

/** The current path (without the base) and its query parameters. */
export function useLocation(): { path: string; params: URLSearchParams } {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const on = () => setLoc(current());
    window.addEventListener("popstate", on);
    return () => window.removeEventListener("popstate", on);
  }, []);
  const [path, query = ""] = loc.split("?");
  return { path: path!, params: new URLSearchParams(query) };
}

/** Matches "/sets/:id" against a path; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split("/").filter(Boolean);
  const b = path.split("/").filter(Boolean);
  if (a.length !== b.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith(":")) out[a[i]!.slice(1)] = decodeURIComponent(b[i]!);
    else if (a[i] !== b[i]) return null;
  }
  return out;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  return (
    <a
      href={base + to}
      onClick={(e: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
        e.preventDefault();
        navigate(to);
      }}
      {...rest}
    />
  );
}
