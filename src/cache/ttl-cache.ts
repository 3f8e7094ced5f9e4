// A small read-through cache of reference data that rarely changes (procedure cases in force, unit chains,
// desk levels, published process definitions): entries live a few seconds, so a publication or a move of a
// unit is seen everywhere within that time, on every node, without any invalidation message. Concurrent
// misses of one key share one load; a failed load is not kept.
export class TtlCache<V> {
  private readonly entries = new Map<string, { readonly value: Promise<V>; readonly expires: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const at = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.expires > at) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    const value = load();
    this.entries.set(key, { value, expires: at + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets everything: this node changed the data, so it need not wait for the entries to expire. */
  clear(): void {
    this.entries.clear();
  }
}

/** How long reference data may be served from memory: a change is seen everywhere within this time. */
export const REFERENCE_DATA_TTL_MS = 5_000;
