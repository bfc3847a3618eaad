/**
 * Inflating a zip part with node:zlib (the CLI's reader): native speed, and
 * zlib itself stops at the declared size (maxOutputLength), so a part that
 * lies about its size costs no more than its declared size.
 */
import { inflateRawSync } from 'node:zlib';
import { type Inflate, ZipError } from './zip';

export const inflateWithZlib: Inflate = (data, size) => {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, size) });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError('hostile', `解压后比目录所记的 ${size} 字节更长，疑为伪造的压缩包`);
    throw e;
  }
};
