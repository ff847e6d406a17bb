import type { ComponentProps } from "react";

/** A table in a box that scrolls sideways when it is wider than the page (`.table-scroll`); props go to the table. */
export function ScrollTable(props: ComponentProps<"table">) {
  return (
    <div className="table-scroll">
      <table {...props} />
    </div>
  );
}
