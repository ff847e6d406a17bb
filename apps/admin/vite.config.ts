import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the API under /admin; in dev, GraphQL goes to the API on :4000.
export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  server: { port: 5174, proxy: { "/graphql": "http://127.0.0.1:4000", "/documents": "http://127.0.0.1:4000" } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 8000,
    // Monaco (~1 MB gzip) is reached only through the editor's dynamic import, so Vite keeps it out of the first load.
  },
});
