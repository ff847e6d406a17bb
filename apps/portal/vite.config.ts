import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the API at /; in dev, GraphQL goes to the API on :4000.
export default defineConfig({
  base: "/",
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      "/graphql": "http://127.0.0.1:4000",
      "/documents": "http://127.0.0.1:4000",
      "/templates": "http://127.0.0.1:4000",
    },
  },
  build: { target: "es2022" },
});
