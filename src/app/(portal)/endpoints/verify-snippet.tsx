import { CodeBlock } from "@/components/ui/code-block";
import type { EndpointDto } from "@/server/endpoints/schemas";

// Receiver code for each scheme, in plain Node.js (express with a raw body), so it runs without Hookline's SDK.
const snippets: Record<EndpointDto["signature_scheme"], string> = {
  standard: `import crypto from "node:crypto";
import express from "express";

const secret = process.env.HOOKLINE_SECRET; // whsec_…
const key = Buffer.from(secret.slice("whsec_".length), "base64");

express().post("/webhooks", express.raw({ type: "*/*" }), (req, res) => {
  const id = req.header("webhook-id");
  const timestamp = req.header("webhook-timestamp");
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return res.sendStatus(400);
  const expected = crypto
    .createHmac("sha256", key)
    .update(\`\${id}.\${timestamp}.\`)
    .update(req.body) // the raw bytes, before JSON.parse
    .digest("base64");
  // during a rotation the header carries one "v1,<sig>" per active secret
  const ok = req.header("webhook-signature").split(" ").some((entry) => {
    const signature = entry.replace(/^v1,/, "");
    return signature.length === expected.length &&
      crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  });
  if (!ok) return res.sendStatus(401);
  const event = JSON.parse(req.body); // dedupe on webhook-id: deliveries are at-least-once
  res.sendStatus(204);
});`,
  hmac: `import crypto from "node:crypto";
import express from "express";

const secret = process.env.HOOKLINE_SECRET; // whsk_…

express().post("/webhooks", express.raw({ type: "*/*" }), (req, res) => {
  const expected = crypto.createHmac("sha256", secret).update(req.body).digest("hex");
  const signature = req.header("x-signature") ?? "";
  const ok = signature.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  if (!ok) return res.sendStatus(401);
  const event = JSON.parse(req.body);
  res.sendStatus(204);
});`,
  token: `import crypto from "node:crypto";
import express from "express";

const token = process.env.HOOKLINE_TOKEN; // whtk_…

express().post("/webhooks", express.json(), (req, res) => {
  const presented = req.header("x-webhook-token") ?? "";
  const ok = presented.length === token.length &&
    crypto.timingSafeEqual(Buffer.from(presented), Buffer.from(token));
  if (!ok) return res.sendStatus(401);
  res.sendStatus(204);
});`,
  aw: `import crypto from "node:crypto";
import express from "express";

const API_SECRET = process.env.HOOKLINE_SECRET; // wh_sec_…, used exactly as shown

express().post("/webhooks", express.raw({ type: "*/*" }), (req, res) => {
  const timestamp = req.header("x-aw-timestamp");
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return res.sendStatus(400);
  const expected = crypto
    .createHmac("sha256", API_SECRET)
    .update(req.method + req.url + timestamp) // req.url = path and query
    .update(req.body)
    .digest("hex");
  const signature = req.header("x-aw-signature") ?? "";
  const ok = signature.length === expected.length &&
    crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
  if (!ok) return res.sendStatus(401);
  res.sendStatus(204);
});`,
  none: `// This endpoint's requests are not signed. Choose a signing scheme (Edit → Signing)
// or authenticate Hookline with receiver credentials (API key, Basic or Bearer).`,
};

export function VerifySnippet({ scheme }: { scheme: EndpointDto["signature_scheme"] }) {
  return <CodeBlock code={snippets[scheme]} language="node.js" label="Signature verification example" maxHeight="max-h-[26rem]" />;
}
