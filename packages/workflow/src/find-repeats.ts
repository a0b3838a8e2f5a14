/**
 * The items whose key an earlier item already had: each as its index and the earlier one's.
 * Items whose key is `undefined` are skipped.
 */
export function findRepeats<T>(
  items: readonly T[],
  keyOf: (item: T) => string | undefined,
): Array<{ index: number; first: number }> {
  const firstIndex = new Map<string, number>();
  const repeats: Array<{ index: number; first: number }> = [];
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) return;
    const first = firstIndex.get(key);
    if (first === undefined) firstIndex.set(key, index);
    else repeats.push({ index, first });
  });
  return repeats;
}
