/**
 * The key of a fact that Repository.memo keeps for the scan of one repository ("all Kubernetes
 * objects", "the lines of a file"). The value's type travels with the key, so a reader gets what
 * the writer stored without a cast, and two facts never share a slot by picking the same name:
 * keys are compared as objects. The name is for people reading a heap snapshot or a test.
 */
export class MemoKey<T> {
  /** Never set: ties T to the key, so MemoKey<A> is not a MemoKey<B>. */
  declare private readonly valueType?: (value: T) => T;

  constructor(readonly name: string) {}
}

/** A key for one fact of a repository, declared once at module level beside the function computing it. */
export function memoKey<T>(name: string): MemoKey<T> {
  return new MemoKey<T>(name);
}
