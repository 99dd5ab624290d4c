import { describe, expect, it } from "vitest";
import { classifyTransportError } from "@/server/deliveries/classify-error";
import { SsrfBlockedError } from "@/server/deliveries/ssrf-guard";

const withCode = (code: string, message = `failed with ${code}`) => Object.assign(new Error(message), { code });

describe("classifyTransportError", () => {
  it.each([
    ["UND_ERR_CONNECT_TIMEOUT", "timeout"],
    ["UND_ERR_HEADERS_TIMEOUT", "timeout"],
    ["ETIMEDOUT", "timeout"],
    ["ENOTFOUND", "dns"],
    ["EAI_AGAIN", "dns"],
    ["ECONNREFUSED", "connection_refused"],
    ["CERT_HAS_EXPIRED", "tls"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "tls"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "tls"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "tls"],
    ["ERR_SSL_WRONG_VERSION_NUMBER", "tls"],
    ["ECONNRESET", "connection"],
    ["UND_ERR_SOCKET", "connection"],
    ["EHOSTUNREACH", "connection"],
  ])("%s is %s", (code, errorClass) => {
    expect(classifyTransportError(withCode(code)).errorClass).toBe(errorClass);
  });

  it("looks through wrapping errors and Happy Eyeballs' AggregateError", () => {
    const refused = new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "connect failed");
    expect(classifyTransportError(new Error("fetch failed", { cause: refused })).errorClass).toBe("connection_refused");
    const notFound = withCode("ENOTFOUND", "no address for nowhere.invalid");
    expect(classifyTransportError(new Error("socket hang up", { cause: notFound }))).toEqual({
      errorClass: "dns",
      errorMessage: "ENOTFOUND: no address for nowhere.invalid",
    });
  });

  it("recognises OpenSSL protocol errors and the SSRF guard", () => {
    expect(classifyTransportError(withCode("EPROTO", "SSL routines::wrong version number")).errorClass).toBe("tls");
    const blocked = new SsrfBlockedError("localhost", "127.0.0.1", "a loopback address");
    expect(classifyTransportError(new Error("wrapped", { cause: blocked }))).toEqual({
      errorClass: "ssrf_blocked",
      errorMessage: blocked.message,
    });
  });

  it("falls back to connection for anything else", () => {
    expect(classifyTransportError("weird")).toEqual({ errorClass: "connection", errorMessage: "weird" });
  });
});
