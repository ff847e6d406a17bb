/** A screen as the component tests render it: a fresh query client (no retries) and the app's catalogs. */
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { I18nProvider, type Catalog, type Locale } from "../i18n.tsx";
import { createQueryClient } from "../query-client.ts";

export function renderWithProviders(ui: ReactNode, catalogs: Record<Locale, Catalog>) {
  return render(
    <QueryClientProvider client={createQueryClient({ test: true })}>
      <I18nProvider catalogs={catalogs}>{ui}</I18nProvider>
    </QueryClientProvider>,
  );
}
