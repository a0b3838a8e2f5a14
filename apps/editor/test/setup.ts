import '@testing-library/jest-dom';
import { TextEncoder } from 'node:util';
import { deserialize, serialize } from 'node:v8';

// React Flow measures the DOM; jsdom has no layout, so give it the few APIs it reads.
class ResizeObserverMock {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this as unknown as ResizeObserver);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyMock {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([1-9.])\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}

// The end-to-end suite runs in node (a docblock says so) and needs none of this.
if (typeof window !== 'undefined') {
  Object.assign(globalThis, { ResizeObserver: ResizeObserverMock, DOMMatrixReadOnly: DOMMatrixReadOnlyMock });
  // Every browser has these and the engine uses them; jest's jsdom environment leaves them out.
  if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder });
  if (typeof globalThis.structuredClone === 'undefined')
    Object.assign(globalThis, { structuredClone: (value: unknown) => deserialize(serialize(value)) });

  Object.defineProperties(HTMLElement.prototype, {
    offsetHeight: {
      get() {
        return parseFloat(this.style.height) || 80;
      },
    },
    offsetWidth: {
      get() {
        return parseFloat(this.style.width) || 220;
      },
    },
  });

  (SVGElement.prototype as unknown as { getBBox: () => DOMRect }).getBBox = () =>
    ({ x: 0, y: 0, width: 0, height: 0 }) as DOMRect;
}
