// Runs the test files with Node's test runner, bounded in time, and kills every Java process the tests started,
// whatever happened to them (a test that hangs, a crash, the runner killed at the global timeout).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const globalTimeoutMs = Number(process.env.IPC_TEST_GLOBAL_TIMEOUT_MS ?? 20 * 60 * 1000);
const testTimeoutMs = Number(process.env.IPC_TEST_FILE_TIMEOUT_MS ?? 8 * 60 * 1000);
const only = process.argv.slice(2);
const files = (only.length > 0 ? only : readdirSync(here).filter((name) => name.endsWith('.test.mjs')).sort().map((n) => path.join(here, n)));

const pidDir = mkdtempSync(path.join(tmpdir(), 'ipc-ts-pids-'));
const started = Date.now();
const child = spawn(
  process.execPath,
  ['--test', '--test-concurrency=1', `--test-timeout=${testTimeoutMs}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', detached: true, env: { ...process.env, IPC_TEST_PIDDIR: pidDir } },
);

function killJavas() {
  let killed = 0;
  for (const name of existsSync(pidDir) ? readdirSync(pidDir) : []) {
    const pid = Number(name);
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmdline.includes('.jar')) {
        process.kill(pid, 'SIGKILL');
        killed++;
      }
    } catch {
      // already gone
    }
  }
  rmSync(pidDir, { recursive: true, force: true });
  if (killed > 0) {
    console.error(`run.mjs: killed ${killed} Java process(es) left by the tests`);
  }
}

function killRunner() {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // gone
  }
}

const timer = setTimeout(() => {
  console.error(`run.mjs: the tests exceeded the global timeout of ${globalTimeoutMs} ms; stopping them`);
  killRunner();
}, globalTimeoutMs);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    killRunner();
    killJavas();
    process.exit(130);
  });
}

child.on('exit', (code, signal) => {
  clearTimeout(timer);
  killRunner();
  killJavas();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`run.mjs: ${files.length} test files finished in ${seconds} s (${signal ? `signal ${signal}` : `exit code ${code}`})`);
  process.exit(code ?? 1);
});
