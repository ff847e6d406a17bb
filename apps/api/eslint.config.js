import config from "@cds/eslint-config";

export default [{ ignores: ["src/generated/**"] }, ...config];
