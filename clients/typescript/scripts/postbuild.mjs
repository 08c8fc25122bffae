// The package is "type": "module"; mark the CommonJS build (and the UMD bundle, which is CommonJS to Node) as such
// so that Node loads their .js files with require().
import { writeFileSync } from 'node:fs';
writeFileSync(new URL('../dist/cjs/package.json', import.meta.url), JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync(new URL('../dist/umd/package.json', import.meta.url), JSON.stringify({ type: 'commonjs' }) + '\n');
writeFileSync(new URL('../dist/esm/package.json', import.meta.url), JSON.stringify({ type: 'module' }) + '\n');
