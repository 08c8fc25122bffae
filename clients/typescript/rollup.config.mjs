// The UMD bundle: the browser entry, already compiled by tsc to dist/esm, in one file that works from a plain
// <script> tag (global `IPCFramework`, the original client's name for it), with AMD, or with require().
import terser from '@rollup/plugin-terser';

const umd = { format: 'umd', name: 'IPCFramework', exports: 'named', sourcemap: true };

export default {
  input: 'dist/esm/browser.js',
  output: [
    { ...umd, file: 'dist/umd/ipc-client.js' },
    { ...umd, file: 'dist/umd/ipc-client.min.js', plugins: [terser()] },
  ],
};
