import config, { web } from "@cds/eslint-config";

export default [...config, ...web];
