import config, { pure } from "@cds/eslint-config";

export default [...config, ...pure];
