// The TypeScript and JavaScript blocks of the repository's documentation (README.md, docs/, this README, examples/),
// word for word: each is type-checked against this package's own source (strict, `@ipcframework/client` mapped to
// src/index.ts), and each that is a whole program is then run with Node against the Java service (the demo
// applications on, as `bin/ipc server` runs it). The rules are in docs/testing.md.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';

import ts from 'typescript';

import { connect } from '../dist/esm/index.js';
import { clientBlocks, compiledSource } from './support/documentation.mjs';
import { JavaServer, packageRoot } from './support/server.mjs';

const run = promisify(execFile);
// inside the package, so that an example's `import ... from '@ipcframework/client'` runs this package (Node resolves
// a package's own name from within it) and the type-check finds node_modules/@types
const directory = path.join(packageRoot, 'test-artifacts', 'documentation');
const blocks = clientBlocks();
let diagnostics;
let server;
const services = [];

function fileName(block) {
  const extension = { ts: 'ts', typescript: 'ts', tsx: 'tsx', js: 'mjs', javascript: 'mjs' }[block.language];
  return path.join(directory, `${block.file.replace(/[^A-Za-z0-9]/g, '_')}-${block.line}.${extension}`);
}

/** Type-checks every block at once (one program, each block a module of its own); the messages by block file. */
function typeCheck() {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  const files = blocks.filter((block) => !block.notRun && block.language !== 'html').map((block) => {
    writeFileSync(fileName(block), compiledSource(block));
    return fileName(block);
  });
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    moduleDetection: ts.ModuleDetectionKind.Force,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: ['node'],
    jsx: ts.JsxEmit.ReactJSX,
    strict: true,
    allowJs: true,
    checkJs: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    paths: { '@ipcframework/client': [path.join(packageRoot, 'src', 'index.ts')] },
  });
  const messages = new Map();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName ?? '';
    const where = diagnostic.file ? `line ${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}: ` : '';
    messages.set(file, [...(messages.get(file) ?? []), where + ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]);
  }
  return messages;
}

/** A block that is a whole program: neither a fragment in a template nor marked `compile only`. */
const runs = (block) => !block.notRun && !block.template && !block.compileOnly && block.language !== 'html';

/** What the block's comments say it prints: `console.log(...);   // { name: 'ada' }`. */
function promisedOutput(block) {
  return [...block.text.matchAll(/console\.log\(.*\);?\s*\/\/\s*([[{].*)$/gm)].map((match) => match[1].trim());
}

before(async () => {
  diagnostics = typeCheck();
  if (blocks.some(runs)) {
    server = await JavaServer.create({ name: 'documentation', args: ['--ipc.demo.enabled=true'] });
    // what the original API's example asks of my_app, served through the service as a Node service would
    const myApp = await connect({ url: server.tcpUrl, appId: 'my_app', heartbeatInterval: 0 });
    await myApp.serve('messages', (payload) => ({ echo: payload }));
    services.push(myApp);
  }
});

after(async () => {
  services.forEach((service) => service.disconnect());
  await server?.stop('SIGKILL');
});

test('the documentation has TypeScript and JavaScript blocks, found where DocumentationExamplesTests finds them', () => {
  assert.ok(blocks.filter((block) => block.language !== 'html').length >= 6, blocks.map((b) => `${b.file}:${b.line}`).join(', '));
});

for (const block of blocks) {
  const name = `${block.file}:${block.line} ${block.language}`;
  if (block.notRun) {
    test(name, { skip: `not run: ${block.notRun}` }, () => {});
  } else if (block.language === 'html') {
    test(name, () => assert.fail(`${name}: a page is neither type-checked nor run here: put <!-- not run: reason --> right before it`));
  } else {
    test(`${name} type-checks${runs(block) ? ', then runs against the service' : ''}`, async () => {
      assert.deepEqual(diagnostics.get(fileName(block)) ?? [], [], `${name} does not type-check`);
      if (!runs(block)) {
        return;
      }
      const source = block.language.startsWith('t')
        ? ts.transpileModule(block.text, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText
        : block.text;
      const program = fileName(block).replace(/\.\w+$/, '.run.mjs');
      writeFileSync(program, source);
      const environment = { ...process.env, IPC_EXAMPLE_TCP_PORT: String(server.tcpPort) };
      delete environment.IPC_TOKEN;
      // the examples connect to localhost:8888, the default; the preload sends that to the test's service
      const { stdout } = await run(process.execPath, ['--require', path.join(packageRoot, 'test', 'support', 'redirect-8888.cjs'), program], {
        cwd: directory,
        timeout: 60000,
        env: environment,
      }).catch((error) => assert.fail(`${name} failed: ${error.message}\n${error.stdout ?? ''}`));
      for (const output of promisedOutput(block)) {
        assert.ok(stdout.includes(output), `${name} should print ${output}, printed:\n${stdout}`);
      }
    });
  }
}
