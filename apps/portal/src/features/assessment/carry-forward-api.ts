/** "Lấy số liệu từ hồ sơ trước": the preview query and the carryForward mutation (typed from apps/api/schema.graphql). */
import { queryOptions } from "@tanstack/react-query";
import { ErrorFields, graphql, request, type ResultOf } from "@cds/ui";

export const CarryForwardPreviewQuery = graphql(`
  query PortalCarryForwardPreview($assessmentId: ID!, $fromAssessmentId: ID) {
    carryForwardPreview(assessmentId: $assessmentId, fromAssessmentId: $fromAssessmentId) {
      allowed
      refusal
      refusalEn
      candidates {
        year
        lineage
        valueCount
        assessment {
          id
          status
          unit {
            code
            name
          }
          setVersion {
            version
          }
        }
      }
      source {
        year
        lineage
        assessment {
          id
          unit {
            code
            name
          }
          setVersion {
            version
          }
        }
      }
      items {
        criterionCode
        name
        status
        value
        reason
        reasonMessage
        reasonMessageEn
        issues {
          criterion
          field
          message
          messageEn
        }
        changes {
          field
          level
          from
          to
          review
        }
      }
    }
  }
`);

export type CarryPreviewData = ResultOf<typeof CarryForwardPreviewQuery>["carryForwardPreview"];
export type CarryItemData = CarryPreviewData["items"][number];

export const carryPreviewQuery = (assessmentId: string, fromAssessmentId: string | null) =>
  queryOptions({
    queryKey: ["carry-forward", assessmentId, fromAssessmentId],
    queryFn: () =>
      request(CarryForwardPreviewQuery, { assessmentId, fromAssessmentId }).then((r) => r.carryForwardPreview),
  });

export const CarryForwardMutation = graphql(
  `
    mutation PortalCarryForward($input: CarryForwardInput!) {
      carryForward(input: $input) {
        __typename
        ... on MutationCarryForwardSuccess {
          data {
            copied
            assessment {
              id
              version
              computedLevel
            }
          }
        }
        ...ErrorFields
      }
    }
  `,
  [ErrorFields],
);
