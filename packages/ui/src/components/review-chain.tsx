/**
 * A round's review chain in words: who verifies, appraises and recognises, and where they sit
 * ("Xác minh: Sở KH&CN (cấp tỉnh) · Thẩm định: Hội đồng thẩm định (cấp tỉnh) · Công nhận: Lãnh đạo UBND tỉnh").
 * The chain is the round's data (`Round.reviewChain`); the role names are the catalog's `role.*` keys.
 */
import type { introspection } from "../graphql-env.d.ts";
import { useI18n } from "../i18n.tsx";

/** The API's roles (the `Role` enum). */
export type Role = introspection["types"]["Role"]["enumValues"];

/** Every role, checked against the API's enum: a new role is a type error here until it is listed (and named). */
export const ROLES = Object.keys({
  MINISTRY_ADMIN: true,
  PROVINCE_ADMIN: true,
  PROVINCE_LEADER: true,
  DISTRICT_OFFICER: true,
  APPRAISER: true,
  UNIT_EDITOR: true,
  VIEWER: true,
} satisfies Record<Role, true>) as Role[];

export interface ReviewStepData {
  roles: readonly string[];
  at: string;
}

export interface ReviewChainData {
  verify: ReviewStepData;
  appraise: ReviewStepData;
  recognise: ReviewStepData;
}

type T = (key: string, params?: Record<string, string | number>) => string;

/** A role as people name it (the catalog's `role.*`). */
export const roleLabel = (t: T, role: string): string => t(`role.${role}`);

/** Roles whose name already says where they sit: no "(cấp tỉnh)" after them. */
const PLACE_IN_NAME = new Set(["PROVINCE_LEADER", "MINISTRY_ADMIN"]);

const STEPS = ["verify", "appraise", "recognise"] as const;

/** One step in words: its roles (joined by "hoặc") and, unless their names say it, where they sit. */
export function reviewStepText(t: T, step: ReviewStepData): string {
  const roles = step.roles.map((r) => roleLabel(t, r)).join(t("chain.or"));
  const placed = step.roles.length > 0 && step.roles.every((r) => PLACE_IN_NAME.has(r));
  return placed ? roles : `${roles} (${t(`chain.at.${step.at}`)})`;
}

/** The whole chain in one line, the steps in order. */
export function reviewChainText(t: T, chain: ReviewChainData): string {
  return STEPS.map((k) => `${t(`chain.${k}`)}: ${reviewStepText(t, chain[k])}`).join(" · ");
}

export function ReviewChainText({ chain }: { chain: ReviewChainData }) {
  const { t } = useI18n();
  return (
    <span className="review-chain" data-testid="review-chain">
      {STEPS.map((k, i) => (
        <span key={k}>
          {i > 0 && " · "}
          <strong>{t(`chain.${k}`)}:</strong> {reviewStepText(t, chain[k])}
        </span>
      ))}
    </span>
  );
}
