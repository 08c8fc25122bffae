import assert from 'node:assert/strict';
import { test } from 'node:test';

import { encodeFrame, FrameDecoder } from '../dist/esm/framing.js';

const texts = ['{"a":1}', '{"text":"h\u00e9llo \u4e16\u754c \ud83d\ude80"}', '', '{"big":"' + 'x'.repeat(70000) + '"}'];

test('a frame is a 4-byte big-endian byte length and the UTF-8 body', () => {
  const frame = encodeFrame('{"t":"\u00e9"}');
  assert.equal(frame.readUInt32BE(0), Buffer.byteLength('{"t":"\u00e9"}'));
  assert.equal(frame.subarray(4).toString('utf8'), '{"t":"\u00e9"}');
});

test('frames coalesced into one chunk come out one by one', () => {
  const decoder = new FrameDecoder();
  const frames = decoder.push(Buffer.concat(texts.map(encodeFrame)));
  assert.deepEqual(frames.map((f) => f.toString('utf8')), texts);
  assert.equal(decoder.pending, 0);
});

test('frames split at every byte position reassemble', () => {
  const stream = Buffer.concat(texts.slice(0, 3).map(encodeFrame));
  for (let cut = 0; cut <= stream.length; cut++) {
    const decoder = new FrameDecoder();
    const frames = [...decoder.push(stream.subarray(0, cut)), ...decoder.push(stream.subarray(cut))];
    assert.deepEqual(frames.map((f) => f.toString('utf8')), texts.slice(0, 3), `cut at ${cut}`);
  }
});

test('one byte at a time, and random chunk sizes', () => {
  const stream = Buffer.concat(texts.map(encodeFrame));
  const decoder = new FrameDecoder();
  const out = [];
  for (let i = 0; i < 2000; i++) {
    out.push(...decoder.push(stream.subarray(i, i + 1)));
  }
  let offset = 2000;
  while (offset < stream.length) {
    const size = 1 + Math.floor(Math.random() * 5000);
    out.push(...decoder.push(stream.subarray(offset, offset + size)));
    offset += size;
  }
  assert.deepEqual(out.map((f) => f.toString('utf8')), texts);
});

test('a header over the limit is refused before the body arrives', () => {
  const decoder = new FrameDecoder(1024);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(4096);
  assert.throws(() => decoder.push(header), /exceeds the limit/);
});
