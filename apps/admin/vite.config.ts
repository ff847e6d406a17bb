import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the API under /admin; in dev, GraphQL goes to the API on :4000.
export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  server: { port: 5174, proxy: { "/graphql": "http://127.0.0.1:4000" } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      output: {
        // Monaco is large: keep it in its own chunks, loaded only by the editor.
        manualChunks: (id) => (id.includes("monaco-editor") ? "monaco" : undefined),
      },
    },
  },
});
