// Validates Kubernetes manifests against the API schemas bundled in kubernetes-models.
// Usage: node validate-manifests.mjs <manifests.json>, a JSON array of objects (the rendered chart).
// Prints one line per object ("ok <kind>/<name>" or "invalid <kind>/<name>: <errors>") and exits 1
// when any object is invalid or of a kind it has no model for.
import { readFileSync } from "node:fs";

const modules = {
  "monitoring.coreos.com/v1": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1",
};

function modulePath(apiVersion) {
  return modules[apiVersion] ?? `kubernetes-models/${apiVersion}`;
}

const manifests = JSON.parse(readFileSync(process.argv[2], "utf8"));
let failed = false;
for (const manifest of manifests) {
  const label = `${manifest.kind}/${manifest.metadata?.name}`;
  let model;
  try {
    model = (await import(modulePath(manifest.apiVersion)))[manifest.kind];
  } catch (error) {
    model = undefined;
  }
  if (typeof model !== "function") {
    console.log(`invalid ${label}: no model for ${manifest.apiVersion} ${manifest.kind}`);
    failed = true;
    continue;
  }
  try {
    new model(manifest).validate();
    console.log(`ok ${label}`);
  } catch (error) {
    console.log(`invalid ${label}: ${error.message} ${JSON.stringify(error.errors ?? [])}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
