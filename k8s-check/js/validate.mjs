// Validates rendered Kubernetes manifests against the Kubernetes OpenAPI schemas compiled by the npm
// package kubernetes-models (types, required fields, enums, formats). Unknown fields are not
// reported by these schemas: the Java side of k8s-check rejects those (fabric8 and Strimzi models).
// Strimzi resources are validated by the Java side only (no schema of them here).
//
//   node validate.mjs <rendered.yaml>...                    exit 1 when any object is invalid
//   node validate.mjs --expect-failure <fixture.yaml>...    exit 1 when any object is VALID (self-test)
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const VALIDATED_ELSEWHERE = new Set(["kafka.strimzi.io/v1beta2"]);

const args = process.argv.slice(2);
const expectFailure = args[0] === "--expect-failure";
const files = expectFailure ? args.slice(1) : args;
if (files.length === 0) {
  console.error("usage: node validate.mjs [--expect-failure] <file.yaml>...");
  process.exit(2);
}

async function problemsOf(object) {
  const { apiVersion, kind } = object;
  if (VALIDATED_ELSEWHERE.has(apiVersion)) {
    return null;
  }
  let model;
  try {
    model = await import(`kubernetes-models/${apiVersion}/${kind}`);
  } catch (e) {
    return [`no schema for ${apiVersion}/${kind}`];
  }
  const Model = model[kind] ?? model.default;
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    return [String(e.message ?? e)];
  }
}

let checked = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failed++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) {
      continue;
    }
    const id = `${object.kind}/${object.metadata?.name}`;
    const problems = await problemsOf(object);
    if (problems === null) {
      skipped++;
      continue;
    }
    checked++;
    if (expectFailure) {
      if (problems.length === 0) {
        console.error(`${file}: ${id} passed the schema check but is broken on purpose`);
        failed++;
      } else {
        console.log(`${file}: ${id} refused as expected: ${problems.join("; ")}`);
      }
    } else if (problems.length > 0) {
      console.error(`${file}: ${id}: ${problems.join("; ")}`);
      failed++;
    }
  }
}
console.log(`kubernetes-models schema check${expectFailure ? " (broken fixtures)" : ""}: ${checked - failed} passed, ${failed} failed, ${skipped} skipped (Strimzi, checked by the Java side)`);
process.exit(failed > 0 || checked === 0 ? 1 : 0);
