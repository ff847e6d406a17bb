/**
 * GraphiQL from the project's own copy of @graphql-yoga/render-graphiql (no
 * CDN). Its renderGraphiQL inlines ~9 MB of script, styles and workers into
 * the page, which a strict Content-Security-Policy forbids; so the page here
 * is a small shell and the package's bundle is served as same-origin files
 * under /graphql/graphiql/ (cached and compressed like the web apps), run
 * under script-src 'self' and worker-src 'self'.
 */
import type { GraphiQLOptions } from "graphql-yoga";

export const GRAPHIQL_ASSETS_PATH = "/graphql/graphiql/";

/**
 * The page's own policy: like the apps' (see APP_CSP in http.ts: GraphiQL's editor is Monaco too, hence
 * style-src 'unsafe-inline' and img-src data:), plus font-src data: for the fonts its stylesheet inlines.
 * Checked in Chromium: the page renders and runs a query with no violation.
 */
export const GRAPHIQL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderGraphiQLPage(opts?: GraphiQLOptions): string {
  const title = escapeHtml(opts?.title ?? "GraphiQL");
  // The options travel as data, not as an inline script.
  const options = escapeHtml(JSON.stringify(opts ?? {}));
  const a = GRAPHIQL_ASSETS_PATH;
  return `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="icon" href="${a}favicon.ico" />
    <link rel="stylesheet" href="${a}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL cần JavaScript / You need to enable JavaScript to run this app.</noscript>
    <div id="root" data-options="${options}"></div>
    <script src="${a}graphiql.js"></script>
  </body>
</html>
`;
}

interface Bundle {
  css: string;
  js: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

let bundle: Promise<Bundle> | null = null;

/** The package's bundle module (not in its "exports"), loaded on the first GraphiQL asset request only: it is 9 MB. */
function loadBundle(): Promise<Bundle> {
  bundle ??= import(
    new URL("./graphiql.js", import.meta.resolve("@graphql-yoga/render-graphiql")).href
  ) as Promise<Bundle>;
  return bundle;
}

/** The same start-up the package inlines, with same-origin worker URLs instead of blob: ones. */
function startScript(b: Bundle): string {
  const a = GRAPHIQL_ASSETS_PATH;
  return `self.MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: function (_moduleId, label) {
    return { editorWorkerService: "${a}editor.worker.js", json: "${a}json.worker.js", graphql: "${a}graphql.worker.js" }[label];
  },
};
${b.js};
(function () {
  var root = document.getElementById("root");
  YogaGraphiQL.renderYogaGraphiQL(root, JSON.parse(root.dataset.options));
})();
`;
}

/** An asset under /graphql/graphiql/, or null. */
export async function graphiqlAsset(name: string): Promise<{ type: string; body: Buffer } | null> {
  const js = "text/javascript; charset=utf-8";
  switch (name) {
    case "graphiql.js":
      return { type: js, body: Buffer.from(startScript(await loadBundle())) };
    case "graphiql.css":
      return { type: "text/css; charset=utf-8", body: Buffer.from((await loadBundle()).css) };
    case "editor.worker.js":
      return { type: js, body: Buffer.from((await loadBundle()).editorWorkerService) };
    case "json.worker.js":
      return { type: js, body: Buffer.from((await loadBundle()).jsonWorker) };
    case "graphql.worker.js":
      return { type: js, body: Buffer.from((await loadBundle()).graphqlWorker) };
    case "favicon.ico":
      return {
        type: "image/x-icon",
        body: Buffer.from((await loadBundle()).favicon.replace(/^data:[^,]*;base64,/, ""), "base64"),
      };
    default:
      return null;
  }
}
