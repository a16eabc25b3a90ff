// Validates every example in an OpenAPI 3.0 document against its schema.
//
// Usage: node check-examples.mjs [path/to/spec.yaml]   (default: pipedrive.yaml beside this file)
//
// An example is any `example` on a media type, parameter, header or schema, and
// any `examples/<name>/value`. Each is checked against the schema it belongs to,
// after translating OpenAPI 3.0 schema keywords into JSON Schema: `nullable`
// becomes an explicit null alternative, and `$ref`s point into the document.
// The script prints one line per failing example (its JSON pointer and the
// reasons), then a summary line, and exits with status 1 on any failure.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { parse } from "yaml";

const DOCUMENT_ID = "openapi-document";

// Pipedrive's "YYYY-MM-DD HH:MM:SS" timestamps; the empty string means "no value".
const SQL_DATE_TIME = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})?$/;

// Keywords whose value is one schema.
const SINGLE_SCHEMA_KEYWORDS = ["items", "not", "additionalProperties"];
// Keywords whose value is a list of schemas.
const SCHEMA_LIST_KEYWORDS = ["allOf", "oneOf", "anyOf"];
// OpenAPI keywords that JSON Schema does not know and that do not constrain values.
const ANNOTATION_KEYWORDS = ["example", "examples", "discriminator", "xml", "externalDocs", "deprecated", "readOnly", "writeOnly"];

function escapePointerToken(token) {
  return String(token).replaceAll("~", "~0").replaceAll("/", "~1");
}

function pointerOf(tokens) {
  return "#/" + tokens.map(escapePointerToken).join("/");
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Translates one OpenAPI 3.0 schema object (and everything below it) into JSON Schema.
function toJsonSchema(schema) {
  if (!isObject(schema)) {
    return schema;
  }
  if (typeof schema.$ref === "string") {
    const target = schema.$ref.startsWith("#") ? DOCUMENT_ID + schema.$ref : schema.$ref;
    return { $ref: target };
  }
  const converted = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATION_KEYWORDS.includes(keyword) || keyword === "nullable" || keyword.startsWith("x-")) {
      continue;
    }
    if (keyword === "properties") {
      converted.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]),
      );
    } else if (SINGLE_SCHEMA_KEYWORDS.includes(keyword) && isObject(value)) {
      converted[keyword] = toJsonSchema(value);
    } else if (SCHEMA_LIST_KEYWORDS.includes(keyword)) {
      converted[keyword] = value.map(toJsonSchema);
    } else {
      converted[keyword] = value;
    }
  }
  if (schema.nullable === true) {
    return { anyOf: [{ type: "null" }, converted] };
  }
  return converted;
}

// Follows a local `$ref` (such as `#/components/parameters/DealId`) to the object it names.
function resolveLocalReference(document, node) {
  let current = node;
  const seen = new Set();
  while (isObject(current) && typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
    if (seen.has(current.$ref)) {
      throw new Error(`circular reference ${current.$ref}`);
    }
    seen.add(current.$ref);
    const tokens = current.$ref.slice(2).split("/").map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
    current = tokens.reduce((parent, token) => (parent === undefined ? undefined : parent[token]), document);
  }
  return current;
}

// Finds every example in the document: yields { pointer, value, schema }.
function* collectExamples(document) {
  // A node holding `schema` beside `example`/`examples`: a media type, parameter or header.
  function* fromSchemaHolder(holder, tokens) {
    if (!isObject(holder)) {
      return;
    }
    const resolvedHolder = resolveLocalReference(document, holder);
    if (!isObject(resolvedHolder) || resolvedHolder !== holder) {
      return; // A reference; the target is visited where it is defined.
    }
    if (holder.schema !== undefined) {
      if ("example" in holder) {
        yield { pointer: pointerOf([...tokens, "example"]), value: holder.example, schema: holder.schema };
      }
      if (isObject(holder.examples)) {
        for (const [name, exampleObject] of Object.entries(holder.examples)) {
          const resolvedExample = resolveLocalReference(document, exampleObject);
          if (isObject(resolvedExample) && "value" in resolvedExample) {
            yield { pointer: pointerOf([...tokens, "examples", name, "value"]), value: resolvedExample.value, schema: holder.schema };
          }
        }
      }
      yield* fromSchema(holder.schema, [...tokens, "schema"]);
    }
    if (isObject(holder.content)) {
      for (const [mediaType, mediaTypeObject] of Object.entries(holder.content)) {
        yield* fromSchemaHolder(mediaTypeObject, [...tokens, "content", mediaType]);
      }
    }
  }

  // Schema-level `example`s, checked against the schema that carries them.
  function* fromSchema(schema, tokens) {
    if (!isObject(schema) || typeof schema.$ref === "string") {
      return;
    }
    if ("example" in schema) {
      yield { pointer: pointerOf([...tokens, "example"]), value: schema.example, schema };
    }
    if (isObject(schema.properties)) {
      for (const [name, property] of Object.entries(schema.properties)) {
        yield* fromSchema(property, [...tokens, "properties", name]);
      }
    }
    for (const keyword of SINGLE_SCHEMA_KEYWORDS) {
      yield* fromSchema(schema[keyword], [...tokens, keyword]);
    }
    for (const keyword of SCHEMA_LIST_KEYWORDS) {
      if (Array.isArray(schema[keyword])) {
        for (const [index, member] of schema[keyword].entries()) {
          yield* fromSchema(member, [...tokens, keyword, index]);
        }
      }
    }
  }

  function* fromResponse(response, tokens) {
    if (!isObject(response) || typeof response.$ref === "string") {
      return;
    }
    yield* fromSchemaHolder(response, tokens);
    if (isObject(response.headers)) {
      for (const [name, header] of Object.entries(response.headers)) {
        yield* fromSchemaHolder(header, [...tokens, "headers", name]);
      }
    }
  }

  function* fromOperationLike(item, tokens) {
    if (Array.isArray(item.parameters)) {
      for (const [index, parameter] of item.parameters.entries()) {
        yield* fromSchemaHolder(parameter, [...tokens, "parameters", index]);
      }
    }
    if (isObject(item.requestBody)) {
      yield* fromSchemaHolder(item.requestBody, [...tokens, "requestBody"]);
    }
    if (isObject(item.responses)) {
      for (const [status, response] of Object.entries(item.responses)) {
        yield* fromResponse(response, [...tokens, "responses", status]);
      }
    }
  }

  const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    yield* fromOperationLike(pathItem, ["paths", path]);
    for (const method of methods) {
      if (isObject(pathItem[method])) {
        yield* fromOperationLike(pathItem[method], ["paths", path, method]);
      }
    }
  }
  const components = document.components ?? {};
  for (const [name, schema] of Object.entries(components.schemas ?? {})) {
    yield* fromSchema(schema, ["components", "schemas", name]);
  }
  for (const [name, parameter] of Object.entries(components.parameters ?? {})) {
    yield* fromSchemaHolder(parameter, ["components", "parameters", name]);
  }
  for (const [name, header] of Object.entries(components.headers ?? {})) {
    yield* fromSchemaHolder(header, ["components", "headers", name]);
  }
  for (const [name, requestBody] of Object.entries(components.requestBodies ?? {})) {
    yield* fromSchemaHolder(requestBody, ["components", "requestBodies", name]);
  }
  for (const [name, response] of Object.entries(components.responses ?? {})) {
    yield* fromResponse(response, ["components", "responses", name]);
  }
}

// Ajv reports, for each failing nullable value, that it is not null and that no
// `anyOf` branch matched; those lines repeat the real reason, so they are dropped.
function isNullableNoise(error) {
  return (error.keyword === "type" && error.params?.type === "null") || error.keyword === "anyOf";
}

function describeErrors(errors) {
  const all = errors ?? [];
  const meaningful = all.filter((error) => !isNullableNoise(error));
  return (meaningful.length > 0 ? meaningful : all)
    .map((error) => `${error.instancePath || "(root)"} ${error.message}`)
    .filter((message, index, all) => all.indexOf(message) === index)
    .slice(0, 10)
    .join("; ");
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const specPath = process.argv[2] ?? join(here, "pipedrive.yaml");
  const document = parse(readFileSync(specPath, "utf8"));

  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat("sql-date-time", SQL_DATE_TIME);

  const schemas = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => [name, toJsonSchema(schema)]),
  );
  ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas } });

  let passed = 0;
  let failed = 0;
  for (const { pointer, value, schema } of collectExamples(document)) {
    let validate;
    try {
      validate = ajv.compile(toJsonSchema(schema));
    } catch (error) {
      failed += 1;
      console.log(`FAIL ${pointer}: the schema does not compile: ${error.message}`);
      continue;
    }
    if (validate(value)) {
      passed += 1;
    } else {
      failed += 1;
      console.log(`FAIL ${pointer}: ${describeErrors(validate.errors)}`);
    }
  }
  console.log(`examples: ${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) {
    process.exitCode = 1;
  }
}

main();
