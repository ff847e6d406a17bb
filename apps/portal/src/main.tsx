import { mountApp, onSignOut } from "@cds/ui";
import "@cds/ui/styles.css";
import "./portal.css";
import { App } from "./App.tsx";
import { catalogs } from "./messages.ts";
import { clearAllDrafts } from "./features/assessment/draft.ts";

// Unsaved values stay on this browser only while their author is signed in.
onSignOut(clearAllDrafts);
mountApp({ base: "", catalogs, app: <App /> });
