import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createQueryClient, I18nProvider, onSignOut, setRouterBase } from "@cds/ui";
import "@cds/ui/styles.css";
import "./portal.css";
import { App } from "./App.tsx";
import { catalogs } from "./messages.ts";
import { clearAllDrafts } from "./features/assessment/draft.ts";

setRouterBase("");
// Unsaved values stay on this browser only while their author is signed in.
onSignOut(clearAllDrafts);
const queryClient = createQueryClient();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider catalogs={catalogs}>
        <App />
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
