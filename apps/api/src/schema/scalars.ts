import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";
import { dateToIsoDay, isIsoDay } from "@cds/calendar";

builder.scalarType("DateTime", {
  description: "Thời điểm theo ISO 8601 (UTC)",
  serialize: (d) => (d instanceof Date ? d.toISOString() : new Date(d as string).toISOString()),
  parseValue: (v) => {
    const d = typeof v === "string" ? new Date(v) : null;
    if (!d || Number.isNaN(d.getTime())) throw new GraphQLError("DateTime: cần một thời điểm ISO 8601");
    return d;
  },
});

builder.scalarType("Date", {
  description: "Ngày theo dạng yyyy-mm-dd (giao diện hiển thị dd/mm/yyyy)",
  serialize: (d) => (d instanceof Date ? dateToIsoDay(d) : String(d)),
  parseValue: (v) => {
    if (typeof v !== "string" || !isIsoDay(v))
      throw new GraphQLError(
        "Date: cần một ngày có thật dạng yyyy-mm-dd (vd. 2024-02-29) / a real calendar day, yyyy-mm-dd",
      );
    return v;
  },
});

builder.scalarType("JSON", {
  description: "Giá trị JSON tuỳ ý (tài liệu bộ tiêu chí, số liệu chỉ tiêu)",
  serialize: (v) => v,
  parseValue: (v) => v,
});

builder.scalarType("File", {
  description: "Tệp tải lên (GraphQL multipart request)",
  serialize: () => {
    throw new GraphQLError("File chỉ dùng làm đầu vào");
  },
  // graphql-yoga hands resolvers its own File implementation, not the global class: check the shape.
  parseValue: (v) => {
    const f = v as Partial<File> | null;
    if (
      !f ||
      typeof f !== "object" ||
      typeof f.arrayBuffer !== "function" ||
      typeof f.name !== "string" ||
      typeof f.size !== "number"
    ) {
      throw new GraphQLError("File: cần một tệp tải lên");
    }
    return v as File;
  },
});
