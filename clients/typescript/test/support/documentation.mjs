// The fenced code blocks of the repository's documentation, read as DocumentationExamplesTests (Java) reads them:
// the same files, the same fences, the same <!-- not run: ... --> markers, and <!-- compile as: ... --> templates.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { packageRoot } from './server.mjs';

export const repoRoot = path.resolve(packageRoot, '..', '..');

const FENCE = /^( *)(`{3,}|~{3,})\s*([^`\s]*).*$/;
const NOT_RUN = /^\s*<!--\s*not run(?:\s+"([^"]+)")?:\s*(.+?)\s*-->\s*$/;
const COMPILE_ONLY = /^\s*<!--\s*compile only:\s*(.+?)\s*-->\s*$/;
const COMPILE_AS = /^\s*<!--\s*compile as:\s*$/;

/** The languages this package's tests check; DocumentationExamplesTests leaves them to `npm test`. */
export const CLIENT_LANGUAGES = new Set(['ts', 'typescript', 'tsx', 'js', 'javascript', 'html']);

function markdownFiles(directory) {
  const files = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && file !== path.join(packageRoot, 'dist')) {
      files.push(...markdownFiles(file));
    } else if (entry.isFile() && entry.name.endsWith('.md')) {
      files.push(file);
    }
  }
  return files;
}

/** README.md, docs/, clients/typescript/ and examples/, each directory's files sorted by path. */
export function documentationFiles() {
  const files = [path.join(repoRoot, 'README.md')];
  for (const directory of ['docs', 'clients/typescript', 'examples']) {
    files.push(...markdownFiles(path.join(repoRoot, directory)).sort());
  }
  return files;
}

/**
 * The blocks of one Markdown text: `{file, line, language, text, notRun, compileOnly, template}`. `template` is the
 * text of a `<!-- compile as: ... -->` comment (over several lines) in which a line `...` stands for the block.
 */
export function fencedBlocks(file, markdown) {
  const blocks = [];
  const lines = markdown.split('\n');
  let markers = {};
  for (let i = 0; i < lines.length; i++) {
    const fence = FENCE.exec(lines[i]);
    if (!fence) {
      const notRun = NOT_RUN.exec(lines[i]);
      const compileOnly = COMPILE_ONLY.exec(lines[i]);
      if (notRun) {
        markers.notRun = notRun[1] ? markers.notRun : notRun[2];
      } else if (compileOnly) {
        markers.compileOnly = compileOnly[1];
      } else if (COMPILE_AS.test(lines[i])) {
        const template = [];
        for (i++; i < lines.length && lines[i].trim() !== '-->'; i++) {
          template.push(lines[i]);
        }
        markers.template = template.join('\n') + '\n';
      } else {
        markers = {};
      }
      continue;
    }
    const indent = fence[1].length;
    const close = fence[2];
    const opening = i;
    const text = [];
    for (i++; i < lines.length && !lines[i].trim().startsWith(close); i++) {
      const spaces = lines[i].length - lines[i].trimStart().length;
      text.push(lines[i].slice(Math.min(indent, spaces)));
    }
    blocks.push({ file: path.relative(repoRoot, file), line: opening + 1, language: fence[3], text: text.map((l) => l + '\n').join(''), ...markers });
    markers = {};
  }
  return blocks;
}

/** The blocks of the documentation in the languages this package checks. */
export function clientBlocks() {
  return documentationFiles()
    .flatMap((file) => fencedBlocks(file, readFileSync(file, 'utf8')))
    .filter((block) => CLIENT_LANGUAGES.has(block.language));
}

/** The block's source as it is compiled: the block itself, or the block in its template. */
export function compiledSource(block) {
  if (!block.template) {
    return block.text;
  }
  const parts = block.template.split(/^[ \t]*\.\.\.[ \t]*\n/m);
  if (parts.length !== 2) {
    throw new Error(`${block.file}:${block.line}: its <!-- compile as: --> needs exactly one line '...' where the block goes`);
  }
  return parts[0] + block.text + parts[1];
}
