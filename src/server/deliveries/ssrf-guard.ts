import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";
import { log } from "@/server/logging/logger";
import type { buildConnector } from "undici";

// The link-local and unique-local ones are named although their ranges are refused anyway, so the reason
// logged says what was actually at stake; Azure's host endpoint (168.63.129.16) is public unicast and is
// refused only because it is named here.
const cloudMetadataAddresses = new Set(
  ["169.254.169.254", "fd00:ec2::254", "168.63.129.16"].map((a) => ipaddr.parse(a).toString()),
);

const rangeDescriptions: Record<string, string> = {
  unspecified: "the unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address",
  private: "a private network address",
  uniqueLocal: "a unique local address",
  reserved: "a reserved address",
};

/**
 * Why an address must not be reached from a tenant-supplied URL, or undefined when it is public unicast.
 * Anything ipaddr.js does not classify as plain unicast is refused, including IPv6 forms that embed an
 * IPv4 address (NAT64, 6to4, Teredo), since they could lead back into a private network. ipaddr.js calls
 * the rest of ::/8 unicast, but that block is reserved (RFC 4291) and holds the deprecated IPv4-compatible
 * form (`::7f00:1` is 127.0.0.1 to some stacks), so it is refused too.
 */
export function blockedAddressReason(address: string): string | undefined {
  let parsed = ipaddr.parse(address);
  if (parsed instanceof ipaddr.IPv6 && parsed.isIPv4MappedAddress()) parsed = parsed.toIPv4Address();
  if (cloudMetadataAddresses.has(parsed.toString())) return "a cloud metadata address";
  const range = parsed.range();
  if (range !== "unicast") return rangeDescriptions[range] ?? `an address in the ${range} range`;
  if (parsed instanceof ipaddr.IPv6 && parsed.parts[0]! < 0x100) {
    return parsed.parts.slice(0, 6).every((part) => part === 0) ? "an IPv4-compatible IPv6 address" : "a reserved address";
  }
  return undefined;
}

/**
 * What the tenant is told: the destination is refused, nothing more. Which address a name resolved to, and
 * why it is refused, would map the internal network for whoever registers the URL; that goes to the log.
 */
export const ssrfRefusalMessage = "The destination is not allowed; webhooks are not sent to private networks";

export class SsrfBlockedError extends Error {
  readonly code = "HOOKLINE_SSRF_BLOCKED";

  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly addressReason: string,
  ) {
    super(ssrfRefusalMessage);
    this.name = "SsrfBlockedError";
  }

  /** For the server log only. */
  get detail(): string {
    const subject = this.hostname === this.address ? this.address : `${this.hostname} resolves to ${this.address}, which`;
    return `${subject} is ${this.addressReason}`;
  }
}

type LookupAll = (hostname: string, options: { all: true }) => Promise<{ address: string }[]>;

/**
 * Wraps undici's connector: resolves the name once, refuses the connection if any address is not public
 * (a name mixing public and private records is an attack, not a misconfiguration), and connects to the
 * checked address itself so a second, different DNS answer (rebinding) cannot slip in. The name stays
 * the TLS server name; undici writes the Host header from the URL, not from the socket.
 */
export function ssrfGuardedConnector(
  connect: buildConnector.connector,
  lookup: LookupAll = dnsLookup,
): buildConnector.connector {
  return (options, callback) => {
    const { hostname } = options;
    const resolved = isIP(hostname) ? Promise.resolve([{ address: hostname }]) : lookup(hostname, { all: true });
    resolved.then(
      (addresses) => {
        for (const { address } of addresses) {
          const reason = blockedAddressReason(address);
          if (reason) {
            const refusal = new SsrfBlockedError(hostname, address, reason);
            log.warn({ component: "ssrf-guard", detail: refusal.detail }, "SSRF guard refused a delivery");
            return callback(refusal, null);
          }
        }
        const [first] = addresses;
        if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), null);
        connect(
          { ...options, hostname: first.address, servername: options.servername || (isIP(hostname) ? undefined : hostname) },
          callback,
        );
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}
