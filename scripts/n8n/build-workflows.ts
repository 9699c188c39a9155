// `pnpm n8n:workflows`: (re)writes n8n/workflows/*.json from the builders in scripts/n8n/workflows/.
import fs from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import type { N8nWorkflow } from './nodes';
import { WORKFLOWS_DIR } from './render';
import { allWorkflows } from './workflows';

/** The text written for a workflow: JSON formatted with the repository's Prettier settings. */
async function serializeWorkflow(workflow: N8nWorkflow, file: string): Promise<string> {
  const options = (await prettier.resolveConfig(file)) ?? {};
  return prettier.format(JSON.stringify(workflow), { ...options, filepath: file });
}

async function main(): Promise<void> {
  for (const [name, workflow] of Object.entries(allWorkflows())) {
    const file = path.join(WORKFLOWS_DIR, name);
    fs.writeFileSync(file, await serializeWorkflow(workflow, file));
    console.log(`wrote n8n/workflows/${name} (${workflow.nodes.length} nodes)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
