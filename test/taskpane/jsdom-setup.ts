/** What jsdom lacks and Fluent UI's TabList and overflow logic use. */
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = ResizeObserverStub;
}

// Browsers have TextDecoder (the .xlsx reader decodes the zip's names and parts with it); jsdom does not.
if (typeof globalThis.TextDecoder === 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const util = require('node:util') as typeof import('node:util');
  (globalThis as unknown as { TextDecoder: unknown }).TextDecoder = util.TextDecoder;
  (globalThis as unknown as { TextEncoder: unknown }).TextEncoder = util.TextEncoder;
}

// Blob.arrayBuffer (every browser the pane supports has it; jsdom's File does not): through FileReader, as jsdom has that.
if (typeof Blob !== 'undefined' && typeof Blob.prototype.arrayBuffer !== 'function' && typeof FileReader !== 'undefined') {
  Blob.prototype.arrayBuffer = function arrayBuffer(this: Blob): Promise<ArrayBuffer> {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}
