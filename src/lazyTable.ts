// A table of a result that is computed when first read (a million-line ledger's per-output figures cost more
// memory than the ledger), and that a streaming writer can walk row by row without ever holding it whole.

/** On the getter of such a property: the rows, computed one at a time, as a fresh iterable. */
export const ROWS = Symbol('mbcheck.rows');

type LazyGetter<T> = (() => T[]) & { [ROWS]?: () => Iterable<T> };

/**
 * Defines `key` as computed on first read, then kept like any other value; assigning before reading replaces
 * the table without computing it.
 */
export function tableOnFirstRead<T extends object, K extends keyof T, Row>(target: T, key: K, rows: () => Iterable<Row>): void {
  const settle = (value: T[K]): T[K] => {
    Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
    return value;
  };
  const get: LazyGetter<Row> = () => settle([...rows()] as T[K]) as Row[];
  get[ROWS] = rows;
  Object.defineProperty(target, key, { enumerable: true, configurable: true, get, set: settle });
}

/** The rows of a table not read yet, or undefined when the property is a plain value. */
export function pendingRows(target: object, key: string): Iterable<unknown> | undefined {
  const get = Object.getOwnPropertyDescriptor(target, key)?.get as LazyGetter<unknown> | undefined;
  return get?.[ROWS]?.();
}
