export { default } from "@cds/eslint-config";
