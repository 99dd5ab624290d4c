import type { buildConnector } from "undici";
import { describe, expect, it, vi } from "vitest";
import { blockedAddressReason, SsrfBlockedError, ssrfGuardedConnector } from "@/server/deliveries/ssrf-guard";
import { captureLogs } from "@/test/log-capture";

describe("blockedAddressReason", () => {
  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])("lets public %s through", (address) => {
    expect(blockedAddressReason(address)).toBeUndefined();
  });

  it.each([
    ["127.0.0.1", "a loopback address"],
    ["127.10.20.30", "a loopback address"],
    ["10.0.0.1", "a private network address"],
    ["172.16.5.4", "a private network address"],
    ["192.168.1.1", "a private network address"],
    ["169.254.169.254", "a cloud metadata address"],
    ["169.254.10.1", "a link-local address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["224.0.0.251", "a multicast address"],
    ["255.255.255.255", "a broadcast address"],
    ["0.0.0.0", "the unspecified address"],
    ["::", "the unspecified address"],
    ["::1", "a loopback address"],
    ["fe80::1", "a link-local address"],
    ["fc00::1", "a unique local address"],
    ["fd00:ec2::254", "a cloud metadata address"],
    ["ff02::1", "a multicast address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:169.254.169.254", "a cloud metadata address"],
    ["64:ff9b::a00:1", "an address in the rfc6052 range"],
    ["64:ff9b:1::a00:1", "an address in the rfc6052 range"],
    ["::7f00:1", "an IPv4-compatible IPv6 address"],
    ["::a00:1", "an IPv4-compatible IPv6 address"],
    ["::a9fe:a9fe", "an IPv4-compatible IPv6 address"],
    ["::1:7f00:1", "a reserved address"],
    ["::ffff:7f00:1", "a loopback address"],
    ["::ffff:0:a00:1", "an address in the rfc6145 range"],
    ["168.63.129.16", "a cloud metadata address"],
    ["::ffff:168.63.129.16", "a cloud metadata address"],
  ])("refuses %s as %s", (address, reason) => {
    expect(blockedAddressReason(address)).toBe(reason);
  });
});

describe("ssrfGuardedConnector", () => {
  const baseOptions = { protocol: "https:", port: "443" };

  function guarded(addresses: string[]) {
    const connect = vi.fn<buildConnector.connector>((_options, callback) => callback(new Error("stub"), null));
    const lookup = vi.fn(async () => addresses.map((address) => ({ address })));
    const connector = ssrfGuardedConnector(connect, lookup);
    const run = (options: buildConnector.Options) =>
      new Promise<Error | null>((resolve) => connector(options, (...[error]) => resolve(error)));
    return { connect, lookup, run };
  }

  it("connects to the address it checked, keeping the name for TLS", async () => {
    const { connect, lookup, run } = guarded(["93.184.216.34", "2606:2800:220:1::248"]);
    await run({ ...baseOptions, hostname: "example.com", host: "example.com" });
    expect(lookup).toHaveBeenCalledOnce();
    expect(connect.mock.calls[0]![0]).toMatchObject({ hostname: "93.184.216.34", host: "example.com", servername: "example.com" });
  });

  it("refuses a name when any of its addresses is private, telling the tenant nothing of the address", async () => {
    const logs = captureLogs();
    const { connect, run } = guarded(["93.184.216.34", "10.0.0.7"]);
    const error = await run({ ...baseOptions, hostname: "rebind.example", host: "rebind.example" });
    expect(error).toBeInstanceOf(SsrfBlockedError);
    expect(error?.message).toBe("The destination is not allowed; webhooks are not sent to private networks");
    logs.restore();
    expect(logs.lines).toContainEqual(expect.objectContaining({ level: 40, detail: expect.stringContaining("rebind.example resolves to 10.0.0.7, which is a private network address") }));
    expect(connect).not.toHaveBeenCalled();
  });

  it("checks IP literals without resolving them and sends no server name for them", async () => {
    const { connect, lookup, run } = guarded([]);
    await run({ ...baseOptions, hostname: "8.8.8.8", host: "8.8.8.8" });
    expect(lookup).not.toHaveBeenCalled();
    expect(connect.mock.calls[0]![0]).toMatchObject({ hostname: "8.8.8.8", servername: undefined });
  });

  it("passes resolver failures on for classification", async () => {
    const connect = vi.fn<buildConnector.connector>();
    const failure = Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.invalid"), { code: "ENOTFOUND" });
    const connector = ssrfGuardedConnector(connect, async () => Promise.reject(failure));
    const error = await new Promise<Error | null>((resolve) =>
      connector({ ...baseOptions, hostname: "nowhere.invalid" }, (...[error]) => resolve(error)),
    );
    expect(error).toBe(failure);
    expect(connect).not.toHaveBeenCalled();
  });
});
