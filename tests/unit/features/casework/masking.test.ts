import { describe, expect, it } from "vitest";
import { maskEmail, maskName, maskPhone } from "../../../../src/features/casework/masking.ts";

describe("masking a submitter's data", () => {
  it("when a name is masked, then only its first character stays, followed by one star", () => {
    expect(maskName("张三丰")).toBe("张*");
    expect(maskName("欧阳娜娜")).toBe("欧*");
    expect(maskName("李")).toBe("李*");
    expect(maskName("  Alice Smith ")).toBe("A*");
    expect(maskName("𠀀明")).toBe("𠀀*");
    expect(maskName("")).toBe("*");
  });

  it("when a mobile number is masked, then the first three and the last four digits stay", () => {
    expect(maskPhone("13812341234")).toBe("138****1234");
    expect(maskPhone("02488881234")).toBe("024****1234");
    expect(maskPhone("12345")).toBe("***45");
    expect(maskPhone("1")).toBe("*");
  });

  it("when an email address is masked, then the first character of the mailbox and the domain stay", () => {
    expect(maskEmail("alice@example.com")).toBe("a***@example.com");
    expect(maskEmail("z.s@citizen.example")).toBe("z***@citizen.example");
    expect(maskEmail("张三@例子.中国")).toBe("张***@例子.中国");
    expect(maskEmail("not-an-address")).toBe("***");
  });
});
