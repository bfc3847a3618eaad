/**
 * Inflating a zip part with fflate (no Node API: the browser page's reader),
 * never past the size the zip directory declares: the compressed data is fed
 * in slices, and the output counted as it comes, so a part that lies about
 * its size is stopped after at most one slice's worth of extra output.
 */
import { Inflate as FflateInflate } from 'fflate';
import { type Inflate, ZipError } from './zip';

const SLICE = 16 * 1024;

export const inflateWithFflate: Inflate = (data, size) => {
  const out = new Uint8Array(size);
  let at = 0;
  let ended = false;
  const inf = new FflateInflate((chunk, final) => {
    if (at + chunk.length > size) throw new ZipError('hostile', `解压后比目录所记的 ${size} 字节更长，疑为伪造的压缩包`);
    out.set(chunk, at);
    at += chunk.length;
    if (final) ended = true;
  });
  for (let i = 0; i < data.length && !ended; i += SLICE) inf.push(data.subarray(i, Math.min(data.length, i + SLICE)), i + SLICE >= data.length);
  if (data.length === 0) inf.push(new Uint8Array(0), true);
  return at === size ? out : out.subarray(0, at);
};
