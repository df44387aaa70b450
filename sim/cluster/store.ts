import type { KObject, ResourceName } from '../world/types.ts';

type EventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: EventType;
  resource: ResourceName;
  obj: KObject;
}

const keyOf = (resource: string, ns: string | undefined, name: string) => `${resource}|${ns ?? ''}|${name}`;

/** In-memory object store with resource versions and change listeners (the watch source). */
export class ObjectStore {
  private rv = 1000;
  private readonly items = new Map<string, { resource: ResourceName; obj: KObject; json: string }>();
  private readonly listeners = new Set<(e: StoreEvent) => void>();
  private readonly history: StoreEvent[] = [];
  private static readonly HISTORY = 2000;

  /** The store's current resourceVersion. */
  get resourceVersion(): string {
    return String(this.rv);
  }

  /** Inserts or updates; a no-op (no event, same RV) when the content did not change. */
  put(resource: ResourceName, obj: KObject): KObject {
    const key = keyOf(resource, obj.metadata.namespace, obj.metadata.name);
    const json = JSON.stringify({ ...obj, metadata: { ...obj.metadata, resourceVersion: undefined } });
    const prev = this.items.get(key);
    if (prev && prev.json === json) return prev.obj;
    const stored: KObject = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(++this.rv) } };
    this.items.set(key, { resource, obj: stored, json });
    this.emit({ type: prev ? 'MODIFIED' : 'ADDED', resource, obj: stored });
    return stored;
  }

  /** Deletes an object; returns it (with a new RV) or undefined when absent. */
  remove(resource: ResourceName, ns: string | undefined, name: string): KObject | undefined {
    const key = keyOf(resource, ns, name);
    const prev = this.items.get(key);
    if (!prev) return undefined;
    this.items.delete(key);
    const gone: KObject = {
      ...prev.obj,
      metadata: { ...prev.obj.metadata, resourceVersion: String(++this.rv) },
    };
    this.emit({ type: 'DELETED', resource, obj: gone });
    return gone;
  }

  get(resource: ResourceName, ns: string | undefined, name: string): KObject | undefined {
    return this.items.get(keyOf(resource, ns, name))?.obj;
  }

  /** Objects of a resource, optionally in one namespace, sorted by namespace then name. */
  list(resource: ResourceName, ns?: string): KObject[] {
    const out: KObject[] = [];
    for (const it of this.items.values()) {
      if (it.resource === resource && (ns === undefined || it.obj.metadata.namespace === ns))
        out.push(it.obj);
    }
    return out.sort((a, b) =>
      `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
      ),
    );
  }

  /** Keys of every stored object, as `resource|namespace|name`. */
  keys(): string[] {
    return [...this.items.keys()];
  }

  /** Removes the object with a key from `keys()`. */
  removeKey(key: string): void {
    const [resource, ns, name] = key.split('|') as [ResourceName, string, string];
    this.remove(resource, ns || undefined, name);
  }

  static key(resource: ResourceName, obj: KObject): string {
    return keyOf(resource, obj.metadata.namespace, obj.metadata.name);
  }

  subscribe(fn: (e: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get watcherCount(): number {
    return this.listeners.size;
  }

  /**
   * Events after resourceVersion `rv` (oldest first), or undefined when `rv` is older than the
   * retained history (the caller answers 410 Expired).
   */
  eventsSince(rv: number): StoreEvent[] | undefined {
    const first = this.history[0];
    if (
      first &&
      Number(first.obj.metadata.resourceVersion) > rv + 1 &&
      this.history.length >= ObjectStore.HISTORY
    )
      return undefined;
    return this.history.filter((e) => Number(e.obj.metadata.resourceVersion) > rv);
  }

  private emit(e: StoreEvent): void {
    this.history.push(e);
    if (this.history.length > ObjectStore.HISTORY) this.history.shift();
    for (const fn of this.listeners) fn(e);
  }
}
