/** The signed-in users of the admin tests, with the capabilities the API gives their roles (apps/api access.ts). */
import type { Me } from "@cds/ui";
import { capabilities } from "@cds/ui/testing";

export const officer: Me = {
  id: "user-officer",
  name: "Phòng VH&TT Yên Khánh",
  email: "phong.yenkhanh@ninhbinh.gov.vn",
  roles: [
    {
      role: "DISTRICT_OFFICER",
      tenantId: "ninh-binh",
      unit: { id: "VW5pdDp1XzM3NQ==", code: "375", name: "Huyện Yên Khánh", path: "37/375" },
    },
  ],
  capabilities: capabilities({
    adminLanding: "/rounds",
    adminSections: ["ROUNDS", "SETS"],
    decisionDocuments: true,
    minutesDocuments: true,
  }),
} as Me;

export const ministry: Me = {
  id: "user-bo",
  name: "Cục Chuyển đổi số quốc gia",
  email: "bo@cds.gov.vn",
  roles: [{ role: "MINISTRY_ADMIN", tenantId: "vn", unit: null }],
  capabilities: capabilities({
    adminLanding: "/national",
    adminSections: ["NATIONAL", "COMPARE", "ROUNDS", "SETS"],
    ownTenant: "vn",
    manageSets: true,
    readNational: true,
  }),
};

export const provinceAdmin: Me = {
  id: "u1",
  name: "Sở KH&CN Ninh Bình",
  email: "so@ninhbinh.gov.vn",
  roles: [
    {
      role: "PROVINCE_ADMIN",
      tenantId: "ninh-binh",
      unit: { id: "unit-37", code: "37", name: "Tỉnh Ninh Bình", path: "37" },
    },
  ],
  capabilities: capabilities({
    adminLanding: "/rounds",
    adminSections: ["ROUNDS", "SETS", "REPORT"],
    ownTenant: "ninh-binh",
    manageSets: true,
    decisionDocuments: true,
    minutesDocuments: true,
  }),
} as Me;
