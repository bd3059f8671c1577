/**
 * What a page's render read, recorded while it renders, so that whether the page would come out
 * the same can be answered later by reading the same things again from a newer model ("replay").
 *
 * A render sees the model only through views made here: every object reached from a page's roots
 * (its route and its site) is a Proxy that notes each read as a path from a root (`site → posts → 0
 * → title`) and the value found there. The page's record is the sorted list of those paths (its
 * *shape*, interned: most pages of a kind share one) and a digest of the values. A page is reused
 * when the same paths, read from the new roots, give the same digest. Nothing here knows a field
 * of `Post` or `Site`: whatever a template, helper or partial reads is what the page depends on,
 * so a new field, a forked theme that prints every field, or a helper that reads another post's
 * summary needs no change to the incremental code.
 *
 * Invariants:
 * - A render is a function of the theme and helpers' code (outside this record: the page's global
 *   digest covers them) and of the values it read through these views. Reads of the same object
 *   by two paths share one Proxy (so identity comparisons in helpers behave as without views), and
 *   the record says which paths led to the same object; a replay checks that they still do.
 * - Objects other than plain objects, arrays, Maps and Sets (Dates, functions, RegExps) are handed
 *   out as they are and recorded by value. Anything else, or a write through a view, makes the
 *   page *opaque*: it is rendered again every time.
 */
import { createHash } from 'node:crypto';

/** A step from one value to another: get, `in`, own keys, own descriptor; Map/Set get, has, size, keys. */
export type Step = 'g' | 'h' | 'k' | 'd' | 'G' | 'H' | 's' | 'K' | 'F';

/** Separates the steps of a path's text (never in a property name the model uses). */
const SEP = '\u001f';

/** The sorted paths one or more pages read, interned so that pages of a kind share one list. */
export interface Shape {
  readonly ids: readonly number[];
}

/** Paths and shapes of one builder, interned by id; ids are this builder's own (records on disk use texts). */
export class ReadPaths {
  private readonly parents: number[] = [];
  private readonly steps: Step[] = [];
  private readonly keys: string[] = [];
  private readonly texts: string[] = [];
  private readonly children: (Map<string, number> | undefined)[] = [];
  private readonly roots = new Map<string, number>();
  private readonly shapes = new Map<string, Shape>();

  root(name: string): number {
    let id = this.roots.get(name);
    if (id === undefined) {
      id = this.add(-1, 'g', name, `r${name}`);
      this.roots.set(name, id);
    }
    return id;
  }

  child(parent: number, step: Step, key: string): number {
    let children = this.children[parent];
    if (!children) this.children[parent] = children = new Map();
    const name = step === 'g' ? key : `${step}${SEP}${key}`;
    let id = children.get(name);
    if (id === undefined) {
      id = this.add(parent, step, key, `${this.texts[parent]}${SEP}${step}${key}`);
      children.set(name, id);
    }
    return id;
  }

  private add(parent: number, step: Step, key: string, text: string): number {
    const id = this.texts.length;
    this.parents.push(parent);
    this.steps.push(step);
    this.keys.push(key);
    this.texts.push(text);
    this.children.push(undefined);
    return id;
  }

  parent(id: number): number {
    return this.parents[id] as number;
  }
  step(id: number): Step {
    return this.steps[id] as Step;
  }
  key(id: number): string {
    return this.keys[id] as string;
  }
  text(id: number): string {
    return this.texts[id] as string;
  }

  /** The path a text names (a record from disk), interned; `undefined` for a text this version cannot have written. */
  fromText(text: string): number | undefined {
    const [root, ...rest] = text.split(SEP);
    if (!root?.startsWith('r')) return undefined;
    let id = this.root(root.slice(1));
    for (const part of rest) {
      const step = part[0] as Step | undefined;
      if (step === undefined || !'ghkdGHsKF'.includes(step)) return undefined;
      id = this.child(id, step, part.slice(1));
    }
    return id;
  }

  /** The one shape of these ids (sorted by text already). */
  shape(ids: readonly number[]): Shape {
    const key = ids.join(',');
    let shape = this.shapes.get(key);
    if (!shape) this.shapes.set(key, (shape = { ids }));
    return shape;
  }

  /** The shape whose paths these texts name, in the order written; `undefined` if any cannot be read. */
  shapeFromTexts(texts: readonly string[]): Shape | undefined {
    const ids: number[] = [];
    for (const text of texts) {
      const id = this.fromText(text);
      if (id === undefined) return undefined;
      ids.push(id);
    }
    return this.shape(ids);
  }
}

/** What one page's render read: its shape, a digest of the values, and the objects it reached (for "who showed X?"). */
export interface PageReadRecord {
  readonly shape: Shape;
  readonly digest: string;
  readonly touched: readonly object[];
  /** Rendered again every time: it wrote through a view or read something that cannot be replayed. */
  readonly opaque: boolean;
}

type Kind = 'object' | 'array' | 'map' | 'set';

/** How a value is handed to a render: viewed (Proxy), or as it is. */
function kindOf(value: object): Kind | undefined {
  if (Array.isArray(value)) return 'array';
  if (value instanceof Map) return 'map';
  if (value instanceof Set) return 'set';
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null ? 'object' : undefined;
}

const functionTokens = new WeakMap<object, string>();

/** A value as text for the digest; objects by kind and by which earlier path (if any) reached the same one. */
function valueToken(value: unknown, firstAt: Map<object, number>, at: number): string | undefined {
  switch (typeof value) {
    case 'string':
      return `s${value}`;
    case 'number':
      return Object.is(value, -0) ? 'n-0' : `n${value}`;
    case 'boolean':
      return value ? 'T' : 'F';
    case 'undefined':
      return 'u';
    case 'bigint':
      return `i${value}`;
    case 'symbol':
      return `y${value.description ?? ''}`;
    case 'function': {
      let token = functionTokens.get(value);
      if (token === undefined) functionTokens.set(value, (token = `f${createHash('sha1').update(value.toString()).digest('base64url')}`));
      return token;
    }
  }
  if (value === null) return 'l';
  const object = value as object;
  if (object instanceof Date) return `D${object.getTime()}`;
  if (object instanceof RegExp) return `R${String(object)}`;
  const kind = kindOf(object);
  if (kind === undefined) return undefined;
  const first = firstAt.get(object);
  if (first === undefined) {
    firstAt.set(object, at);
    return kind[0];
  }
  return `${kind[0]}@${first}`;
}

/** The digest of `values` (in shape order); `undefined` when one cannot be told apart from another. */
function digestOf(values: readonly unknown[]): string | undefined {
  const firstAt = new Map<object, number>();
  const tokens: string[] = new Array(values.length);
  for (let at = 0; at < values.length; at++) {
    const token = valueToken(values[at], firstAt, at);
    if (token === undefined) return undefined;
    tokens[at] = token;
  }
  return createHash('sha1').update(tokens.join('\u001e')).digest('base64url');
}

const keysToken = (keys: readonly (string | symbol)[]): string => keys.filter((key): key is string => typeof key === 'string').join(SEP);

function descriptorToken(descriptor: PropertyDescriptor | undefined): string {
  if (!descriptor) return 'u';
  return `${descriptor.enumerable ? 'e' : ''}${descriptor.configurable ? 'c' : ''}${descriptor.writable ? 'w' : ''}${descriptor.get || descriptor.set ? 'a' : 'v'}`;
}

/** A Set's member as a key: primitives only, with their type (`1` and `'1'` differ). */
function memberKey(value: unknown): string | undefined {
  return value === null || (typeof value !== 'object' && typeof value !== 'function') ? `${typeof value}:${String(value)}` : undefined;
}

/** The value a step reads from `from`, without a view (the replay's read, and the recorder's). */
function readStep(from: unknown, step: Step, key: string): unknown {
  if (from === null || (typeof from !== 'object' && typeof from !== 'function')) return MISSING;
  const object = from as object;
  switch (step) {
    case 'g':
      return Reflect.get(object, key, object);
    case 'h':
      return Reflect.has(object, key);
    case 'k':
      return keysToken(Reflect.ownKeys(object));
    case 'd':
      return descriptorToken(Reflect.getOwnPropertyDescriptor(object, key));
    case 'G':
      return object instanceof Map ? object.get(key) : MISSING;
    case 'H':
      if (object instanceof Map) return object.has(key);
      if (object instanceof Set) return [...object].some((member) => memberKey(member) === key);
      return MISSING;
    case 's':
      return object instanceof Map || object instanceof Set ? object.size : MISSING;
    case 'F':
      return Array.isArray(object) ? derivedToken(object, key) : MISSING;
    case 'K':
      if (object instanceof Map) return [...object.keys()].join(SEP);
      if (object instanceof Set) return [...object].map((member) => memberKey(member)).join(SEP);
      return MISSING;
  }
}

/**
 * Derivations: pure functions from a list to some of its items (say, the most-used tags first), which a
 * helper runs through `derive`. Computed once per list (not once per page, through views) and recorded
 * as one read: which items came out, in what order. Registered by name, so a replay can run them again.
 */
const derivations = new Map<string, (list: readonly unknown[]) => readonly unknown[]>();
/** One of the bounded memos of the render stage: each list's derivations (items and their positions), for as long as the list lives. */
const derived = new WeakMap<readonly unknown[], Map<string, { readonly items: readonly unknown[]; readonly positions: readonly number[] }>>();

/** Register `compute` under `name` (once, when the helper's module loads). */
export function registerDerivation(name: string, compute: (list: readonly unknown[]) => readonly unknown[]): void {
  derivations.set(name, compute);
}

/** A derivation's key in a path: its name and how many items were taken. */
const derivationKey = (name: string, count: number): string => `${name}\u001e${count}`;

function derivedOf(list: readonly unknown[], name: string): { readonly items: readonly unknown[]; readonly positions: readonly number[] } {
  let byName = derived.get(list);
  if (!byName) derived.set(list, (byName = new Map()));
  let result = byName.get(name);
  if (!result) {
    const compute = derivations.get(name);
    if (!compute) throw new Error(`No derivation named ${name}`);
    const items = compute(list);
    const at = new Map(list.map((item, index) => [item, index]));
    byName.set(name, (result = { items, positions: items.map((item) => at.get(item) ?? -1) }));
  }
  return result;
}

/** The replay's read of a derivation step (`name`, count): which positions of `list` it gives, in order. */
function derivedToken(list: readonly unknown[], key: string): string {
  const [name = '', count = '0'] = key.split('\u001e');
  return derivedOf(list, name).positions.slice(0, Number(count)).join(',');
}

/** The views this module made, with the reads they belong to and what they stand for. */
const viewOwners = new WeakMap<object, { readonly reads: PageReads; readonly target: object }>();

/**
 * The first `count` items of the derivation `name` of `list` (see `registerDerivation`): through a
 * view, computed on the list itself and recorded as one read, its items handed out as views of the
 * list's own; otherwise just computed.
 */
export function derive(list: readonly unknown[], name: string, count: number): readonly unknown[] {
  const owner = viewOwners.get(list);
  if (!owner || !Array.isArray(owner.target)) return derivedOf(list, name).items.slice(0, count);
  return owner.reads.derived(owner.target, name, count);
}

/** What a replay finds where a path cannot be followed (a primitive where an object was): never equal to a recorded value. */
const MISSING = Symbol('missing');

/**
 * Read the paths of `shape` from `roots` (by root name), as the page's render read them; the digest
 * of what was found, and the objects on the way. `undefined` digest when a read fails.
 */
export function replayReads(shape: Shape, roots: Readonly<Record<string, unknown>>, paths: ReadPaths): { digest: string | undefined; touched: object[] } {
  const found = new Map<number, unknown>();
  const touched = new Set<object>();
  const evaluate = (id: number): unknown => {
    if (found.has(id)) return found.get(id);
    const parent = paths.parent(id);
    let value: unknown;
    if (parent === -1) value = roots[paths.key(id)];
    else {
      const from = evaluate(parent);
      if (from !== null && typeof from === 'object') touched.add(from);
      value = readStep(from, paths.step(id), paths.key(id));
    }
    found.set(id, value);
    return value;
  };
  try {
    const values = shape.ids.map((id) => evaluate(id));
    return { digest: values.includes(MISSING) ? undefined : digestOf(values), touched: [...touched] };
  } catch {
    return { digest: undefined, touched: [...touched] };
  }
}

/** One page's reads while it renders. Make one per page, view its roots with `view`, render, then `finish`. */
export class PageReads {
  /** Each object reached, with its view and the first path that reached it. */
  private readonly views = new Map<object, { readonly view: object; readonly id: number }>();
  /** Each path read, and the value first found there. */
  private readonly seen = new Map<number, unknown>();
  private opaque = false;

  constructor(private readonly paths: ReadPaths) {}

  /** `value` as the root `name` of this page's reads. */
  view<T>(name: string, value: T): T {
    const id = this.paths.root(name);
    this.keep(id, value);
    return this.wrap(value, id) as T;
  }

  /** Note a value the page's output depends on that does not come through a view (computed by the renderer itself). */
  note(name: string, value: string | boolean | number | undefined): void {
    this.seen.set(this.paths.root(name), value);
  }

  finish(): PageReadRecord {
    const ids = [...this.seen.keys()].sort((a, b) => {
      const [x, y] = [this.paths.text(a), this.paths.text(b)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const digest = digestOf(ids.map((id) => this.seen.get(id)));
    return { shape: this.paths.shape(ids), digest: digest ?? '', touched: [...this.views.keys()], opaque: this.opaque || digest === undefined };
  }

  private keep(id: number, value: unknown): void {
    if (!this.seen.has(id)) this.seen.set(id, value);
  }

  private wrap(value: unknown, id: number): unknown {
    if (value === null || typeof value !== 'object') return value;
    const known = this.views.get(value);
    if (known) return known.view;
    const kind = kindOf(value);
    if (kind === undefined) {
      if (!(value instanceof Date) && !(value instanceof RegExp)) this.opaque = true;
      return value;
    }
    const view = kind === 'map' ? this.mapView(value as Map<unknown, unknown>) : kind === 'set' ? this.setView(value as Set<unknown>) : this.objectView(value);
    this.views.set(value, { view, id });
    viewOwners.set(view, { reads: this, target: value });
    return view;
  }

  /** The path a view's reads hang from: the first that reached its object. */
  private at(target: object): number {
    return (this.views.get(target) as { id: number }).id;
  }

  /** `derive` through one of this page's views: one read for the whole derivation, then each item as the list's own. */
  derived(target: readonly unknown[], name: string, count: number): readonly unknown[] {
    const key = derivationKey(name, count);
    this.read(target, 'F', key, derivedToken(target, key));
    const { items, positions } = derivedOf(target, name);
    return items.slice(0, count).map((item, at) => this.read(target, 'g', String(positions[at]), item));
  }

  private read(target: object, step: Step, key: string, value: unknown): unknown {
    const id = this.paths.child(this.at(target), step, key);
    this.keep(id, value);
    return step === 'g' || step === 'G' ? this.wrap(value, id) : value;
  }

  /**
   * The view's own target is an empty stand-in of the same kind: the real object may be frozen (the
   * config is), and a Proxy of a frozen object may not hand out anything but its exact values.
   */
  private objectView(target: object): object {
    const isArray = Array.isArray(target);
    const stand = isArray ? [] : (Object.create(Object.getPrototypeOf(target) as object | null) as object);
    return new Proxy(stand, {
      get: (_stand, key, receiver) => {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof key === 'symbol') return value;
        return this.read(target, 'g', key, value);
      },
      has: (_stand, key) => {
        const value = Reflect.has(target, key);
        if (typeof key === 'string') this.read(target, 'h', key, value);
        return value;
      },
      ownKeys: () => {
        const keys = Reflect.ownKeys(target);
        this.read(target, 'k', '', keysToken(keys));
        return keys;
      },
      getOwnPropertyDescriptor: (_stand, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target, key);
        if (typeof key === 'string') this.read(target, 'd', key, descriptorToken(descriptor));
        if (!descriptor) return undefined;
        // The stand-in's own `length` is what a Proxy of an array must report as it is.
        if (isArray && key === 'length') return { value: descriptor.value as number, writable: true, enumerable: false, configurable: false };
        const shown = { ...descriptor, configurable: true };
        if ('value' in descriptor && typeof key === 'string') shown.value = this.read(target, 'g', key, descriptor.value);
        return shown;
      },
      getPrototypeOf: () => Object.getPrototypeOf(target) as object | null,
      set: (_stand, key, value) => {
        this.opaque = true;
        return Reflect.set(target, key, value);
      },
      defineProperty: (_stand, key, descriptor) => {
        this.opaque = true;
        return Reflect.defineProperty(target, key, descriptor);
      },
      deleteProperty: (_stand, key) => {
        this.opaque = true;
        return Reflect.deleteProperty(target, key);
      },
    });
  }

  /** Maps are read through their methods, which need the real Map as `this`: each is wrapped. */
  private mapView(target: Map<unknown, unknown>): object {
    const keyed = (key: unknown): string | undefined => {
      if (typeof key === 'string') return key;
      this.opaque = true;
      return undefined;
    };
    const entries = (): [unknown, unknown][] => {
      const keys = [...target.keys()];
      if (!keys.every((key) => typeof key === 'string')) this.opaque = true;
      this.read(target, 'K', '', keys.join(SEP));
      return [...target].map(([key, value]) => [key, typeof key === 'string' ? this.read(target, 'G', key, value) : value]);
    };
    const methods: Record<string | symbol, unknown> = {
      get: (key: unknown) => {
        const name = keyed(key);
        return name === undefined ? target.get(key) : this.read(target, 'G', name, target.get(key));
      },
      has: (key: unknown) => {
        const name = keyed(key);
        return name === undefined ? target.has(key) : this.read(target, 'H', name, target.has(key));
      },
      keys: () =>
        entries()
          .map(([key]) => key)
          [Symbol.iterator](),
      values: () =>
        entries()
          .map(([, value]) => value)
          [Symbol.iterator](),
      entries: () => entries()[Symbol.iterator](),
      [Symbol.iterator]: () => entries()[Symbol.iterator](),
      forEach: (callback: (value: unknown, key: unknown, map: unknown) => void, thisArg?: unknown) => {
        for (const [key, value] of entries()) callback.call(thisArg, value, key, view);
      },
    };
    const view = this.collectionView(target, methods);
    return view;
  }

  private setView(target: Set<unknown>): object {
    const members = (): unknown[] => {
      const keys = [...target].map(memberKey);
      if (keys.includes(undefined)) this.opaque = true;
      this.read(target, 'K', '', keys.join(SEP));
      return [...target];
    };
    const methods: Record<string | symbol, unknown> = {
      has: (value: unknown) => {
        const key = memberKey(value);
        if (key === undefined) {
          this.opaque = true;
          return target.has(value);
        }
        return this.read(target, 'H', key, target.has(value));
      },
      keys: () => members()[Symbol.iterator](),
      values: () => members()[Symbol.iterator](),
      entries: () =>
        members()
          .map((member) => [member, member])
          [Symbol.iterator](),
      [Symbol.iterator]: () => members()[Symbol.iterator](),
      forEach: (callback: (value: unknown, key: unknown, set: unknown) => void, thisArg?: unknown) => {
        for (const member of members()) callback.call(thisArg, member, member, view);
      },
    };
    const view = this.collectionView(target, methods);
    return view;
  }

  /**
   * A Map's or Set's view: `size` noted, the followed methods as given, any other method (set, delete,
   * clear…) bound to the real collection and the page made opaque.
   */
  private collectionView(target: Map<unknown, unknown> | Set<unknown>, methods: Record<string | symbol, unknown>): object {
    return new Proxy(target, {
      get: (collection, key) => {
        if (key === 'size') return this.read(collection, 's', '', collection.size);
        if (Object.hasOwn(methods, key)) return methods[key];
        const value: unknown = Reflect.get(collection, key, collection);
        if (typeof value !== 'function') return value;
        this.opaque = true;
        return value.bind(collection);
      },
    });
  }
}
