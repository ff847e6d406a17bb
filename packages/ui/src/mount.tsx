/** Starts a web app: its router base, one query client, the catalogs, in strict mode, on #root. */
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { I18nProvider, type Catalog, type Locale } from "./i18n.tsx";
import { createQueryClient } from "./query-client.ts";
import { setRouterBase } from "./router.tsx";

export function mountApp({
  base,
  catalogs,
  app,
}: {
  /** Where the app is served ("" for the root). */
  base: string;
  catalogs: Record<Locale, Catalog>;
  app: ReactNode;
}): void {
  setRouterBase(base);
  const queryClient = createQueryClient();
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nProvider catalogs={catalogs}>{app}</I18nProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
