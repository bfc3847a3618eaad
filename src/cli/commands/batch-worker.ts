/** A worker thread of `juesuan check --jobs N`: checks the files it is sent, one at a time, and sends back each report. */
import { parentPort, workerData } from 'node:worker_threads';
import { type FileJobOptions, checkOneFile } from './batch';

const opts = workerData as FileJobOptions;
parentPort?.on('message', (m: { id: number; file: string }) => {
  void checkOneFile(m.file, opts).then((report) => parentPort?.postMessage({ id: m.id, report }));
});
