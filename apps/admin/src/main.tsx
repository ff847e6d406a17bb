import { mountApp } from "@cds/ui";
import "@cds/ui/styles.css";
import "./admin.css";
import { App } from "./App.tsx";
import { catalogs } from "./messages.ts";

mountApp({ base: "/admin", catalogs, app: <App /> });
