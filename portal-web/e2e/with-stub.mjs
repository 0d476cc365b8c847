// Runs the end-to-end journey against the in-memory contract stub (e2e/contract-stub.mjs), which serves
// the built portal (run `npm run build` first). Proves the browser path and the journey's selectors
// while the real control plane is not merged; the same journey then runs against it unchanged.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStub } from './contract-stub.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const server = await startStub(0);
const baseUrl = `http://127.0.0.1:${server.address().port}`;
const child = spawn(process.execPath, [join(here, 'run.mjs')], { stdio: 'inherit', env: { ...process.env, BASE_URL: baseUrl } });
child.on('exit', (code) => {
  server.close();
  process.exit(code ?? 1);
});
