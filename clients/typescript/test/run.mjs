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
const deadline = started + globalTimeoutMs;
// one file at a time (each starts its own Java service; sequential keeps a 2-core machine responsive), on any
// Node.js from 18 on (older ones lack --test-concurrency and --test-timeout, so the bounds are enforced here)
const reporter = process.allowedNodeEnvironmentFlags.has('--test-reporter') ? ['--test-reporter=spec'] : [];
let current = null;
let interrupted = false;

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
    rmSync(path.join(pidDir, name), { force: true });
  }
  if (killed > 0) {
    console.error(`run.mjs: killed ${killed} Java process(es) left by the tests`);
  }
}

function killCurrent() {
  if (current) {
    try {
      process.kill(-current.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    killCurrent();
    killJavas();
    rmSync(pidDir, { recursive: true, force: true });
    process.exit(130);
  });
}

function runFile(file) {
  return new Promise((resolve) => {
    const fileStarted = Date.now();
    const budget = Math.max(0, Math.min(testTimeoutMs, deadline - Date.now()));
    const child = spawn(process.execPath, ['--test', ...reporter, file], {
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, IPC_TEST_PIDDIR: pidDir },
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`run.mjs: ${path.basename(file)} exceeded its time limit of ${budget} ms; stopping it`);
      killCurrent();
    }, budget);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      killCurrent();
      current = null;
      killJavas();
      resolve({ file: path.basename(file), code: timedOut ? 124 : code ?? 1, signal, seconds: (Date.now() - fileStarted) / 1000 });
    });
  });
}

const results = [];
for (const file of files) {
  if (interrupted || Date.now() >= deadline) {
    results.push({ file: path.basename(file), code: 124, seconds: 0, skipped: true });
    continue;
  }
  results.push(await runFile(file));
}
rmSync(pidDir, { recursive: true, force: true });
console.log('\nrun.mjs summary:');
for (const r of results) {
  const status = r.skipped ? 'NOT RUN (global timeout)' : r.code === 0 ? 'passed' : r.code === 124 ? 'TIMED OUT' : `FAILED (${r.signal ?? `exit ${r.code}`})`;
  console.log(`  ${r.file.padEnd(32)} ${status.padEnd(26)} ${r.seconds.toFixed(1)} s`);
}
const failed = results.filter((r) => r.code !== 0).length;
console.log(`run.mjs: ${results.length} test files, ${failed} failed, ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed === 0 ? 0 : 1);
