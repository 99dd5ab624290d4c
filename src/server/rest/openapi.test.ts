import fs from "node:fs";
import path from "node:path";
import { validate } from "@scalar/openapi-parser";
import { Ajv2020 } from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";
import { api } from "./rest-test-support";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");
/** Where the API's route files live: /api/v2, and seed 004's own root paths. */
const API_ROOTS = ["api/v2", "notifications", "events"];
const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every `METHOD /path` the route files under the API roots export, `[id]` written `{id}`. */
function routesOnDisk(): string[] {
  const files = API_ROOTS.flatMap((root) =>
    fs
      .readdirSync(path.join(APP_DIR, root), { recursive: true, encoding: "utf8" })
      .filter((file) => path.basename(file) === "route.ts")
      .map((file) => path.join(root, file)),
  );
  return files.flatMap((file) => {
    const dir = path.dirname(file);
    // the catch-all only answers unknown paths with a JSON 404; it is not an operation
    if (dir.includes("[...")) return [];
    const urlPath = `/${dir.split(path.sep).join("/")}`.replace(/\[(\w+)\]/g, "{$1}");
    const source = fs.readFileSync(path.join(APP_DIR, file), "utf8");
    return methods.filter((method) => new RegExp(`export (const|async function) ${method}\\b`).test(source)).map((method) => `${method} ${urlPath}`);
  });
}

type Example = { where: string; schema: Record<string, unknown>; example: unknown };
type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

/** A schema's examples, and those of the schemas inside it. */
function schemaExamples(schema: unknown, where: string): Example[] {
  if (!isNode(schema)) return [];
  const { example, examples, ...rest } = schema;
  const found: Example[] = [];
  if ("example" in schema) found.push({ where, schema: rest, example });
  if (Array.isArray(examples)) examples.forEach((each, i) => found.push({ where: `${where}/examples/${i}`, schema: rest, example: each }));
  for (const key of ["items", "not", "additionalProperties"]) found.push(...schemaExamples(schema[key], `${where}/${key}`));
  for (const key of ["oneOf", "anyOf", "allOf", "prefixItems"]) {
    if (Array.isArray(schema[key])) (schema[key] as unknown[]).forEach((each, i) => found.push(...schemaExamples(each, `${where}/${key}/${i}`)));
  }
  if (isNode(schema.properties)) for (const [name, each] of Object.entries(schema.properties)) found.push(...schemaExamples(each, `${where}/properties/${name}`));
  return found;
}

/** Every example in the document beside the schema it illustrates: in schemas, media types, parameters, headers. */
function examplesIn(node: unknown, where = "#"): Example[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => examplesIn(item, `${where}/${i}`));
  if (!isNode(node)) return [];
  const found: Example[] = [];
  if (isNode(node.schema)) {
    found.push(...schemaExamples(node.schema, `${where}/schema`));
    if ("example" in node) found.push({ where, schema: node.schema, example: node.example });
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "schema") continue;
    if (key === "schemas" && where === "#/components") {
      for (const [name, schema] of Object.entries(value as Node)) found.push(...schemaExamples(schema, `${where}/schemas/${name}`));
    } else found.push(...examplesIn(value, `${where}/${key}`));
  }
  return found;
}

function routesInDocument(): string[] {
  return Object.entries(openApiDocument().paths ?? {}).flatMap(([urlPath, item]) =>
    Object.keys(item as object)
      .filter((key) => methods.includes(key.toUpperCase() as (typeof methods)[number]))
      .map((method) => `${method.toUpperCase()} ${urlPath}`),
  );
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const document = openApiDocument();
    expect(document.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("every example validates against its own schema", () => {
    const document = JSON.parse(JSON.stringify(openApiDocument())) as { components: unknown };
    // the document's components at the root, so that each schema's #/components/… references resolve
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    const examples = examplesIn(document);
    expect(examples.length).toBeGreaterThan(20);
    const failures = examples.flatMap(({ where, schema, example }) => {
      const check = ajv.compile({ ...schema, components: document.components });
      return check(example) ? [] : [`${where}: ${ajv.errorsText(check.errors)}`];
    });
    expect(failures).toEqual([]);
  });

  it("the example check does catch an example that breaks its schema", () => {
    const ajv = new Ajv2020({ strict: false });
    const [broken] = examplesIn({ components: { schemas: { Broken: { type: "object", required: ["url"], properties: { url: { type: "string" } }, example: { url: 1 } } } } });
    expect(ajv.compile(broken!.schema)(broken!.example)).toBe(false);
  });

  it("the validator does catch a broken document", async () => {
    const broken = structuredClone(openApiDocument()) as unknown as { paths: Record<string, unknown> };
    broken.paths["/api/v2/events"] = { get: { responses: "none" } };
    expect((await validate(broken as never)).valid).toBe(false);
  });

  it("describes exactly the routes the app serves", () => {
    const onDisk = routesOnDisk().sort();
    expect(onDisk.length).toBeGreaterThanOrEqual(18);
    expect(routesInDocument().sort()).toEqual(onDisk);
  });

  it("every route file carries a one-line comment naming each export", () => {
    for (const route of routesOnDisk()) {
      const [method, urlPath] = route.split(" ");
      const file = path.join(APP_DIR, urlPath!.replace(/\{(\w+)\}/g, "[$1]"), "route.ts");
      expect(fs.readFileSync(file, "utf8"), route).toMatch(new RegExp(`// ${method} ${urlPath!.replace(/[{}.]/g, "\\$&")}( |\\?)`));
    }
  });

  it("gives every operation an id, a summary and the error shape", () => {
    for (const item of Object.values(openApiDocument().paths ?? {})) {
      for (const operation of Object.values(item as Record<string, { operationId?: string; summary?: string; responses: Record<string, unknown> }>)) {
        expect(operation.operationId).toBeTruthy();
        expect(operation.summary).toBeTruthy();
      }
    }
    expect(openApiDocument().components?.schemas?.Error).toBeDefined();
  });

  it("is served publicly at /api/v2/openapi.json", async () => {
    const response = await api("GET /api/v2/openapi.json");
    expect(response.status).toBe(200);
    expect(response.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
