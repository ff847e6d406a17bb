/** How a round or set judges, as a badge: "Mức độ" (the 2361 ladder), "Chấm điểm", "Điểm và xếp loại". */
import { useI18n } from "@cds/ui";
import { judgedByOf } from "./scored.ts";

export function JudgedByBadge({ judgedBy }: { judgedBy: string }) {
  const { t } = useI18n();
  const j = judgedByOf(judgedBy);
  return (
    <span className={`badge judged-by judged-by-${j}`} data-testid="judged-by" data-judged-by={j}>
      {t(`judgedBy.${j}`)}
    </span>
  );
}
