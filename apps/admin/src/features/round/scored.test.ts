import { describe, expect, it } from "vitest";
import { compareTexts, signedText, spreadOf, subtractTexts } from "./scored.ts";

describe("differences and middles of the engine's point texts, exactly", () => {
  it("subtracts two texts with their decimals kept", () => {
    expect(subtractTexts("790.00", "812.50")).toBe("-22.50");
    expect(subtractTexts("812.50", "790.00")).toBe("22.50");
    expect(subtractTexts("0.1", "0.3")).toBe("-0.2");
    expect(subtractTexts("15.00", "15.00")).toBe("0.00");
    expect(subtractTexts("1000", "0.25")).toBe("999.75");
  });

  it("writes a difference with its sign in the reader's separators", () => {
    expect(signedText("-22.50", "vi")).toBe("−22,50");
    expect(signedText("1022.50", "vi")).toBe("+1.022,50");
    expect(signedText("0.00", "vi")).toBe("0,00");
    expect(signedText("-22.50", "en")).toBe("−22.50");
  });

  it("finds the lowest, the median (the exact mean of the middle two for an even count) and the highest", () => {
    expect(spreadOf([])).toBeNull();
    expect(spreadOf(["700.50"])).toEqual({ min: "700.50", median: "700.50", max: "700.50" });
    expect(spreadOf(["812.25", "640.00", "700.50"])).toEqual({ min: "640.00", median: "700.50", max: "812.25" });
    expect(spreadOf(["812.25", "640.00", "700.50", "655.00"])).toEqual({
      min: "640.00",
      median: "677.75",
      max: "812.25",
    });
    // Half of an odd sum takes one more decimal.
    expect(spreadOf(["1.01", "1.00"])!.median).toBe("1.005");
    expect(compareTexts("9.5", "10")).toBe(-1);
  });
});
