import { Api } from "telegram";
import { RPCError, RPCMessageToError } from "telegram/errors";
import { describe, expect, it } from "vitest";
import { TelegramUnreachableError } from "./telegram-client";
import { describeWait, telegramErrorMessage } from "./telegram-error-message";

const request = new Api.auth.SignIn({ phoneNumber: "447700900321", phoneCodeHash: "h", phoneCode: "12345" });
const wire = (errorMessage: string, errorCode = 400) => RPCMessageToError(new Api.RpcError({ errorCode, errorMessage }), request) as Error;

describe("telegramErrorMessage", () => {
  it.each([
    ["PHONE_CODE_INVALID", { message: expect.stringMatching(/^That code is not right/) }],
    ["PHONE_CODE_EXPIRED", { message: "That code has expired. Request a new code.", codeExpired: true }],
    ["PHONE_NUMBER_INVALID", { message: expect.stringMatching(/not valid/) }],
    ["PASSWORD_HASH_INVALID", { message: expect.stringMatching(/^That password is not right/) }],
    ["AUTH_RESTART", { message: expect.stringMatching(/restart/), restart: true }],
    ["SOMETHING_NEW_42", { message: "Telegram refused this step (SOMETHING_NEW_42). Try again, or start over with your phone number.", log: "SOMETHING_NEW_42" }],
  ])("%s", (name, expected) => {
    expect(telegramErrorMessage(wire(name))).toEqual(expect.objectContaining(expected));
  });

  it("flood waits carry the seconds GramJS parsed", () => {
    expect(telegramErrorMessage(wire("FLOOD_WAIT_1", 420)).message).toBe("Telegram asks you to wait 1 second before trying again.");
    expect(telegramErrorMessage(wire("FLOOD_PREMIUM_WAIT_300", 420)).message).toBe("Telegram asks you to wait about 5 minutes before trying again.");
  });

  it("never repeats a free-form message; unknown errors log only their name", () => {
    expect(telegramErrorMessage(new RPCError("bad input +447700900321", request, 400))).toEqual({ message: expect.stringMatching(/^Something went wrong/), log: "RPCError" });
    expect(telegramErrorMessage(new Error("+447700900321"))).toEqual({ message: expect.stringMatching(/^Something went wrong/), log: "Error" });
    expect(telegramErrorMessage("a string")).toEqual({ message: expect.stringMatching(/^Something went wrong/), log: "non-error value" });
    expect(telegramErrorMessage(new TelegramUnreachableError("x")).message).toMatch(/could not reach Telegram/);
  });

  it("describeWait", () => {
    expect([describeWait(42), describeWait(119), describeWait(120), describeWait(7199), describeWait(7200)]).toEqual(["42 seconds", "119 seconds", "about 2 minutes", "about 120 minutes", "about 2 hours"]);
  });
});
