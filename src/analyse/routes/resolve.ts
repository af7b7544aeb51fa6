import type { ArgInfo, Binding, FileIndex } from "../../scan/source-index.js";
import { resolveImport, type DetectorContext } from "../context.js";
import { argText } from "../../scan/syntax.js";

/** A value as written, with the module it is written in (names inside it are looked up there). */
export interface Located {
  file: FileIndex;
  arg: ArgInfo;
}

/** A module as a whole (`import * as ns`, or `require('./x')` of a module without `module.exports = …`). */
interface ModuleRef {
  module: FileIndex;
}

type Value = Located | ModuleRef;

/** Paths built from parts multiply (`${a}/${b}` with lists of variants): past this many, stop. */
const MAX_VARIANTS = 24;
const MAX_DEPTH = 12;
const NONE: readonly string[] = Object.freeze([]);

interface Cache {
  strings: Map<ArgInfo, readonly string[]>;
  bindings: WeakMap<FileIndex, Map<string, Binding[]>>;
}

const caches = new WeakMap<DetectorContext, Cache>();

function cacheFor(ctx: DetectorContext): Cache {
  let cache = caches.get(ctx);
  if (!cache) caches.set(ctx, (cache = { strings: new Map(), bindings: new WeakMap() }));
  return cache;
}

function bindingsOf(ctx: DetectorContext, file: FileIndex, name: string): Binding[] {
  const cache = cacheFor(ctx).bindings;
  let byName = cache.get(file);
  if (!byName) {
    byName = new Map();
    for (const b of file.bindings) {
      const list = byName.get(b.name);
      if (list) list.push(b);
      else byName.set(b.name, [b]);
    }
    cache.set(file, byName);
  }
  return byName.get(name) ?? [];
}

/**
 * Every string an argument can stand for: a literal; a template or `+` chain whose parts resolve; a constant,
 * an imported constant or a member of a URL registry object (`urls.thing.root`), followed across modules;
 * each item of a list a loop runs over. Empty when any part cannot be read. Resolved on demand and cached
 * per analysis: only route arguments are ever resolved.
 */
export function stringsOf(ctx: DetectorContext, file: FileIndex, arg: ArgInfo, depth = 0): readonly string[] {
  if (arg.kind === "string") return [arg.value!];
  const cache = cacheFor(ctx).strings;
  const known = cache.get(arg);
  if (known) return known;
  // Marked before resolving, so a constant defined through itself ends as unresolved.
  cache.set(arg, NONE);
  const found = depth > MAX_DEPTH ? NONE : compute(ctx, file, arg, depth);
  cache.set(arg, found);
  return found;
}

function compute(ctx: DetectorContext, file: FileIndex, arg: ArgInfo, depth: number): readonly string[] {
  switch (arg.kind) {
    case "template":
    case "concat": {
      let out: string[] = [""];
      for (const part of arg.items ?? []) {
        const options = stringsOf(ctx, file, part, depth + 1);
        if (options.length === 0) return NONE;
        out = out.flatMap((left) => options.map((right) => left + right)).slice(0, MAX_VARIANTS);
      }
      return out;
    }
    case "either":
      return [...new Set((arg.items ?? []).flatMap((i) => stringsOf(ctx, file, i, depth + 1)))];
    case "identifier":
    case "member":
    case "call":
      return valuesOf(ctx, file, arg, depth + 1).flatMap((v) =>
        "arg" in v && v.arg !== arg ? stringsOf(ctx, v.file, v.arg, depth + 1) : [],
      );
    default:
      return NONE;
  }
}

/**
 * What a name, member, `require` or call stands for, followed to values written somewhere: an object, an
 * array, a string. `[].concat(a, b)` stands for its parts; any other call for its first argument (a filter or
 * `Object.freeze` around a list).
 */
export function valuesOf(ctx: DetectorContext, file: FileIndex, arg: ArgInfo, depth = 0): Located[] {
  if (depth > MAX_DEPTH) return [];
  switch (arg.kind) {
    case "identifier":
      return located(ctx, named(ctx, file, argText(arg), depth), depth);
    case "member": {
      const [root, ...path] = (arg.callee ?? argText(arg)).split(".");
      let current = named(ctx, file, root!, depth);
      for (const key of path) current = current.flatMap((v) => member(ctx, v, key, depth + 1));
      return located(ctx, current, depth);
    }
    case "call": {
      if (arg.callee === "require" && arg.value) {
        const target = resolveImport(ctx, file.rel, arg.value);
        return target ? located(ctx, moduleValue(ctx, target), depth) : [];
      }
      const items = arg.items ?? [];
      if (arg.callee?.endsWith(".concat"))
        return items.flatMap((i) => valuesOf(ctx, file, i, depth + 1).flatMap((v) => flatten(ctx, v, depth)));
      return items[0] ? valuesOf(ctx, file, items[0], depth + 1) : [];
    }
    default:
      return [{ file, arg }];
  }
}

/** An array's items, with spreads and nested arrays (from `concat`) opened up. */
export function flatten(ctx: DetectorContext, value: Located, depth = 0): Located[] {
  if (depth > MAX_DEPTH) return [];
  if (value.arg.kind !== "array") return [value];
  return (value.arg.items ?? []).flatMap((item) => {
    const inner = item.kind === "spread" ? item.items![0]! : item;
    return valuesOf(ctx, value.file, inner, depth + 1).flatMap((v) =>
      v.arg.kind === "array" ? flatten(ctx, v, depth + 1) : [v],
    );
  });
}

function located(ctx: DetectorContext, values: Value[], depth: number): Located[] {
  return values.flatMap((v) => {
    // A namespace used as a value (`Object.values(ns)`): everything it exports.
    if (!("arg" in v)) return v.module.exports.flatMap((e) => exported(ctx, v.module, e.name));
    const kind = v.arg.kind;
    return kind === "identifier" || kind === "member" || kind === "call"
      ? valuesOf(ctx, v.file, v.arg, depth + 1)
      : [v];
  });
}

/** A name in a module: its own binding (each item, for a loop variable) or what an import brings in. */
function named(ctx: DetectorContext, file: FileIndex, name: string, depth: number): Value[] {
  const own = bindingsOf(ctx, file, name);
  if (own.length > 0)
    return own.flatMap((b) =>
      b.each
        ? valuesOf(ctx, file, b.value, depth + 1).flatMap((v) => flatten(ctx, v, depth + 1))
        : [{ file, arg: b.value }],
    );
  const imp = file.imports.find((i) => i.default === name || i.namespace === name || i.names.includes(name));
  const target = imp && resolveImport(ctx, file.rel, imp.module);
  if (!imp || !target) return [];
  if (imp.namespace === name) return [{ module: target }];
  if (imp.default === name) return moduleValue(ctx, target);
  return member(ctx, { module: target }, name, depth + 1);
}

/** What `require` of a module gives: its `module.exports` / `export default` value, else the module itself. */
function moduleValue(ctx: DetectorContext, target: FileIndex): Value[] {
  const def = bindingsOf(ctx, target, "default");
  return def.length > 0 ? def.map((b) => ({ file: target, arg: b.value })) : [{ module: target }];
}

function member(ctx: DetectorContext, value: Value, key: string, depth: number): Value[] {
  if (depth > MAX_DEPTH) return [];
  if (!("arg" in value)) {
    const own = bindingsOf(ctx, value.module, key).filter((b) => !b.each);
    if (own.length > 0 && value.module.exports.some((e) => e.name === key))
      return own.map((b) => ({ file: value.module, arg: b.value }));
    // `module.exports = { key }` read as a module: its exported object's property.
    return moduleValue(ctx, value.module).flatMap((v) => ("arg" in v ? member(ctx, v, key, depth + 1) : []));
  }
  return located(ctx, [value], depth).flatMap((v) => {
    const prop = v.arg.props?.[key];
    if (prop) return [{ file: v.file, arg: prop }];
    // `{ ...base, extra }`: the key may come from a spread object.
    return (v.arg.spreads ?? []).flatMap((s) =>
      valuesOf(ctx, v.file, s, depth + 1).flatMap((sv) => member(ctx, sv, key, depth + 1)),
    );
  });
}

/** The value a module exports by default, or under a name. */
export function exported(ctx: DetectorContext, file: FileIndex, name = "default"): Located[] {
  if (name !== "default" && !file.exports.some((e) => e.name === name)) return [];
  const own = bindingsOf(ctx, file, name).filter((b) => !b.each);
  return located(
    ctx,
    own.map((b) => ({ file, arg: b.value })),
    0,
  );
}
