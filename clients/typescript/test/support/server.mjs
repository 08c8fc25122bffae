// Starts the real Java service (the executable jar) for a test, on ports chosen here, and stops it again.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const packageRoot = path.resolve(here, '..', '..');
const repoRoot = path.resolve(packageRoot, '..', '..');

/** The executable jar: $IPC_SERVER_JAR, else target/*-exec.jar of the repository (built by `./mvnw package`). */
export function serverJar() {
  if (process.env.IPC_SERVER_JAR) {
    return process.env.IPC_SERVER_JAR;
  }
  const target = path.join(repoRoot, 'target');
  const jar = existsSync(target) ? readdirSync(target).find((name) => name.endsWith('-exec.jar')) : undefined;
  if (!jar) {
    throw new Error(`No executable jar in ${target}: run './mvnw -B -DskipTests package' in ${repoRoot} first`);
  }
  return path.join(target, jar);
}

/** A port that was free a moment ago (the kernel's choice). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const started = new Set();
process.on('exit', () => {
  for (const child of started) {
    try {
      child.kill('SIGKILL');
    } catch {
      // gone
    }
  }
});

function recordPid(pid) {
  const dir = process.env.IPC_TEST_PIDDIR;
  if (dir) {
    writeFileSync(path.join(dir, String(pid)), '');
  }
}

function forgetPid(pid) {
  const dir = process.env.IPC_TEST_PIDDIR;
  if (dir) {
    rmSync(path.join(dir, String(pid)), { force: true });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A running service. `start()` launches the jar with both ports given explicitly and waits until
 * /actuator/health says UP; `stop(signal)` ends it and waits for the process to exit; `start()` again uses the
 * same ports.
 */
export class JavaServer {
  constructor({ httpPort, tcpPort, args = [], name = 'server' }) {
    this.httpPort = httpPort;
    this.tcpPort = tcpPort;
    this.args = args;
    this.name = name;
    this.child = null;
    this.log = '';
  }

  static async create(options = {}) {
    const httpPort = await freePort();
    let tcpPort = await freePort();
    while (tcpPort === httpPort) {
      tcpPort = await freePort();
    }
    const server = new JavaServer({ httpPort, tcpPort, ...options });
    await server.start();
    return server;
  }

  get tcpUrl() {
    return `tcp://127.0.0.1:${this.tcpPort}`;
  }

  get wsUrl() {
    return `ws://127.0.0.1:${this.httpPort}/ipc`;
  }

  url(transport) {
    return transport === 'tcp' ? this.tcpUrl : this.wsUrl;
  }

  async start(timeoutMs = 180000) {
    const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
    const workDir = path.join(tmpdir(), `ipc-ts-test-${process.pid}`);
    mkdirSync(workDir, { recursive: true });
    const args = [
      '-XX:TieredStopAtLevel=1',
      '-Xss512k',
      '-jar',
      serverJar(),
      `--server.port=${this.httpPort}`,
      `--ipc.tcp.port=${this.tcpPort}`,
      '--server.address=127.0.0.1',
      '--ipc.tcp.host=127.0.0.1',
      '--spring.main.banner-mode=off',
      ...this.args,
    ];
    // started from an empty directory, so that no ./config/application.yml changes the settings
    const child = spawn(java, args, { cwd: workDir, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.log = '';
    started.add(child);
    recordPid(child.pid);
    const append = (data) => {
      this.log = (this.log + data.toString()).slice(-200000);
    };
    child.stdout.on('data', append);
    child.stderr.on('data', append);
    child.exited = new Promise((resolve) => {
      child.on('exit', (code, signal) => {
        started.delete(child);
        forgetPid(child.pid);
        resolve({ code, signal });
      });
    });
    const deadline = Date.now() + timeoutMs;
    let exited = null;
    child.exited.then((status) => {
      exited = status;
    });
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(`${this.name} exited during start-up (${JSON.stringify(exited)}):\n${this.log.slice(-5000)}`);
      }
      try {
        const response = await fetch(`http://127.0.0.1:${this.httpPort}/actuator/health`);
        const body = await response.json();
        if (body.status === 'UP') {
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    await this.stop('SIGKILL');
    throw new Error(`${this.name} did not report UP within ${timeoutMs} ms:\n${this.log.slice(-5000)}`);
  }

  /** Stops the service: SIGTERM drains (the server tells clients when to come back), SIGKILL is a crash. */
  async stop(signal = 'SIGTERM', timeoutMs = 60000) {
    const child = this.child;
    if (!child) {
      return null;
    }
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) {
      return child.exited;
    }
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const status = await child.exited;
    clearTimeout(timer);
    return status;
  }
}
