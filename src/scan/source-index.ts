import {
  ArgReader,
  DottedNames,
  rootName,
  forEachChild,
  innermostCall,
  isIdentifier,
  isStringish,
  isStringLiteral,
  K,
  propName,
  ts,
  type ArgInfo,
} from "./syntax.js";

import { BUILTINS } from "./builtins.js";

export type { ArgInfo } from "./syntax.js";
export { DottedNames } from "./syntax.js";

export interface CallSite {
  callee: string;
  /** The callee's first name: `app` in `app.get()`, `this` in `this.http.get()`, `?` when it is not a name. */
  root: string;
  /** The callee's last name: `get` in `app.get()`, `fetch` in `fetch()`. */
  name: string;
  args: ArgInfo[];
  line: number;
  isNew: boolean;
  /** The variable or property this call is assigned to: `const app = express()`, `this.http = axios.create()`. */
  assignedTo?: string;
  /** For a chained call (`router.route('/x').get(h)`): the arguments of the chain's first call. */
  chainArgs?: ArgInfo[];
}

export interface ImportInfo {
  module: string;
  line: number;
  default?: string;
  namespace?: string;
  names: string[];
  /** `import type …`, or every name imported with `type`: no runtime use of the module. */
  typeOnly?: boolean;
}

export interface DecoratorInfo {
  name: string;
  args: ArgInfo[];
  line: number;
  className?: string;
  memberName?: string;
}

export interface NamedLine {
  name: string;
  line: number;
  /** For a property initialised with a string literal (`client: 'pg'`): that string. */
  value?: string;
}

/** A value a module names: `const x = …`, `export default …`, `module.exports = …` (as "default"), `exports.x = …`. */
export interface Binding {
  name: string;
  line: number;
  value: ArgInfo;
  /** A loop variable (`for (const v of list)`, `list.forEach((v) => …)`): it takes each item of the value in turn. */
  each?: boolean;
}

export interface FileIndex {
  rel: string;
  lines: number;
  parseErrors: number;
  imports: ImportInfo[];
  calls: CallSite[];
  envReads: NamedLine[];
  decorators: DecoratorInfo[];
  /** Property names declared in interfaces, classes, type literals and object literals. */
  properties: NamedLine[];
  /** The identifier exported by default (`export default x`, `module.exports = x`). */
  defaultExport?: string;
  /** The line of any `export default …`, including functions and classes. */
  defaultExportLine?: number;
  /** Named exports: functions, variables, classes and `export { a, b }`, with literal string values. */
  exports: NamedLine[];
  /** String literals that look like URL paths, with the line they appear on. */
  pathLiterals: NamedLine[];
  /** `const { Pool } = pg`: names destructured from another binding, so calls on them count as calls on it. */
  destructures: Array<{ from: string; names: string[] }>;
  /** HTTP methods compared against a `.method` property (`req.method === 'POST'`, `case 'GET':`). */
  methodChecks: NamedLine[];
  /** Property names read through accesses (`applicant.dateOfBirth`), each once per file at its first line. */
  accessed: NamedLine[];
  /** The first line that calls `console.*`: console calls are not recorded, but console-only logging is a fact. */
  consoleLine?: number;
  /** The file opens with a `'use client'` directive: a React component that runs in the browser. */
  useClient?: true;
  /** Methods of forms a file renders (`<form method="post">`): a Next.js page that posts to itself. */
  formMethods: NamedLine[];
  /**
   * Values a route path or route list may be read from: module-level bindings and exports (objects, arrays,
   * strings, templates, names), and strings or templates bound inside functions. Read, never evaluated.
   */
  bindings: Binding[];
  /**
   * Env vars a value is set from, with the keys it is set under: `apis: { caseApi: { url: process.env.X } }`,
   * `url: get('X', fallback)`, convict's `endpoint: { env: 'X' }`, `config.caseApiUrl = process.env.X`.
   */
  settings: Array<{ env: string; line: number; path: string[] }>;
  /** The function with the most branches (`if`, `case`, `?:` in its own body, not in nested functions). */
  branchiest?: NamedLine & { branches: number };
}

export function scriptKindFor(rel: string): ts.ScriptKind {
  if (rel.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (rel.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(rel)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

const LAST_TOKEN = ts.SyntaxKind.LastToken;
const KIND_COUNT = ts.SyntaxKind.Count;
const WRAPS = new Set<ts.SyntaxKind>([K.AsExpression, K.ParenthesizedExpression, K.SatisfiesExpression]);
/** Module-level values a route path or a list of routes may be read from. */
const BINDABLE = new Set<ts.SyntaxKind>([
  K.StringLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateExpression,
  K.BinaryExpression,
  K.ConditionalExpression,
  K.ObjectLiteralExpression,
  K.ArrayLiteralExpression,
  K.PropertyAccessExpression,
  K.Identifier,
  K.CallExpression,
]);
const LOCAL_BINDABLE = new Set<ts.SyntaxKind>([
  K.StringLiteral,
  K.NoSubstitutionTemplateLiteral,
  K.TemplateExpression,
  K.BinaryExpression,
]);
const HTTP_METHOD = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/;
/** Env helpers: `get('CASE_API_URL', fallback)`, `env('X')`, `requireEnv('X')`. */
const ENV_HELPER = /^(get|env|getEnv|getEnvVar|requireEnv|required|readEnv|fromEnv|envOr|mustGet)$/;
const ENV_NAME = /^[A-Z][A-Z0-9_]+$/;
/** Expressions a setting's value passes through on its way to its key. */
const SETTING_PASS = new Set<ts.SyntaxKind>([
  K.ObjectLiteralExpression,
  K.BinaryExpression,
  K.ConditionalExpression,
  K.ParenthesizedExpression,
  K.AsExpression,
  K.SatisfiesExpression,
  K.NonNullExpression,
  K.CallExpression,
  K.NewExpression,
  K.TemplateExpression,
  ts.SyntaxKind.TemplateSpan,
  K.PropertyAccessExpression,
  K.ArrowFunction,
]);
const EXPORTED = (node: ts.Node) =>
  (node as ts.FunctionDeclaration).modifiers?.some((m) => m.kind === K.ExportKeyword) ?? false;

/**
 * Parses one file (syntax only, JSDoc skipped) and walks it once, collecting what the detectors query.
 * Files indexed together can share one `names` table, so a callee such as `res.status` is kept once.
 */
export function indexSource(rel: string, text: string, names = new DottedNames()): FileIndex {
  const sf = ts.createSourceFile(
    rel,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    scriptKindFor(rel),
  );
  try {
    return walk(sf, text, names, false);
  } catch (error) {
    // A very long chain (`a + b + …` in generated code) is deeper than the stack: walk that file without recursion.
    if (!(error instanceof RangeError)) throw error;
    return walk(sf, text, names, true);
  }
}

function walk(sf: ts.SourceFile, text: string, names: DottedNames, iterative: boolean): FileIndex {
  const rel = sf.fileName;
  const reader = new ArgReader(text, names);
  const index: FileIndex = {
    rel,
    lines: reader.lineCount,
    parseErrors: (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0,
    imports: [],
    calls: [],
    envReads: [],
    decorators: [],
    properties: [],
    exports: [],
    pathLiterals: [],
    methodChecks: [],
    formMethods: [],
    destructures: [],
    accessed: [],
    bindings: [],
    settings: [],
  };
  const first = sf.statements[0];
  if (first?.kind === ts.SyntaxKind.ExpressionStatement) {
    const expr = (first as ts.ExpressionStatement).expression;
    if (isStringLiteral(expr) && expr.text === "use client") index.useClient = true;
  }
  const accessedNames = new Set<string>();
  // Branches are counted per function while the walk visits them: a frame per function, the file keeps the most.
  const functions: Array<{ node: ts.Node; name: string; line: number; branches: number }> = [];
  const branch = () => void (functions.length && functions[functions.length - 1]!.branches++);
  const leave = (node: ts.Node) => {
    const top = functions[functions.length - 1];
    if (top?.node !== node) return;
    functions.pop();
    if (top.branches > (index.branchiest?.branches ?? 0))
      index.branchiest = { name: top.name, line: top.line, branches: top.branches };
  };
  // Parent pointers are tracked on a stack instead of asking the parser to set them: it is cheaper.
  const ancestors: ts.Node[] = [];
  const up = (n: number) => ancestors[ancestors.length - n];
  const line = (node: ts.Node) => reader.line(node);
  const dotted = (node: ts.Node) => names.of(node);

  const onImportDeclaration = (node: ts.Node): boolean => {
    recordImport(node as ts.ImportDeclaration);
    return false;
  };

  const onCallExpression = (node: ts.Node): boolean => {
    recordCallOrRequire(node as ts.CallExpression);
    return true;
  };

  const onNewExpression = (node: ts.Node): boolean => {
    recordCall(node as ts.NewExpression, true);
    return true;
  };

  const onPropertyAccessExpression = (node: ts.Node): boolean => {
    const access = node as ts.PropertyAccessExpression;
    if (isProcessEnv(access.expression)) {
      index.envReads.push({ name: access.name.text, line: line(access) });
      recordSetting(access.name.text, access);
    } else if (
      !accessedNames.has(access.name.text) &&
      // A method called (`z.string().email()`) is not a field read.
      !(up(1)?.kind === K.CallExpression && (up(1) as ts.CallExpression).expression === access)
    ) {
      accessedNames.add(access.name.text);
      index.accessed.push({ name: access.name.text, line: line(access) });
    }
    return true;
  };

  const onElementAccessExpression = (node: ts.Node): boolean => {
    const access = node as ts.ElementAccessExpression;
    if (isProcessEnv(access.expression) && isStringLiteral(access.argumentExpression)) {
      index.envReads.push({ name: access.argumentExpression.text, line: line(access) });
      recordSetting(access.argumentExpression.text, access);
    }
    return true;
  };

  const onVariableStatement = (node: ts.Node): boolean => {
    if (EXPORTED(node))
      for (const d of (node as ts.VariableStatement).declarationList.declarations)
        if (isIdentifier(d.name)) index.exports.push(named(d.name.text, line(d), d.initializer));
    return true;
  };

  const onFunctionDeclaration = (node: ts.Node): boolean => {
    enterFunction(node);
    recordDeclarationExport(node as ts.FunctionDeclaration);
    return true;
  };

  const onClassDeclaration = (node: ts.Node): boolean => {
    recordDeclarationExport(node as ts.ClassDeclaration);
    return true;
  };

  const onFunction = (node: ts.Node): boolean => {
    enterFunction(node);
    return true;
  };

  const onBranch = (): boolean => {
    branch();
    return true;
  };

  const onExportDeclaration = (node: ts.Node): boolean => {
    const clause = (node as ts.ExportDeclaration).exportClause;
    if (clause && clause.kind === K.NamedExports)
      for (const e of clause.elements) index.exports.push({ name: e.name.text, line: line(e) });
    return true;
  };

  const onVariableDeclaration = (node: ts.Node): boolean => {
    recordDestructuring(node as ts.VariableDeclaration);
    recordBinding(node as ts.VariableDeclaration);
    return true;
  };

  const onForOfStatement = (node: ts.Node): boolean => {
    const loop = node as ts.ForOfStatement;
    const list = loop.initializer;
    const decl =
      list.kind === K.VariableDeclarationList
        ? (list as ts.VariableDeclarationList).declarations[0]
        : undefined;
    if (decl && isIdentifier(decl.name)) bindEach(decl.name.text, loop.expression);
    return true;
  };

  const onDecorator = (node: ts.Node): boolean => {
    recordDecorator(node as ts.Decorator);
    return true;
  };

  const onProperty = (node: ts.Node): boolean => {
    recordProperty(node as ts.PropertyAssignment);
    return true;
  };

  const onExportAssignment = (node: ts.Node): boolean => {
    const exp = node as ts.ExportAssignment;
    index.defaultExportLine = line(exp);
    if (isIdentifier(exp.expression)) index.defaultExport = exp.expression.text;
    bind("default", exp.expression, true);
    return true;
  };

  const onBinaryExpression = (node: ts.Node): boolean => {
    recordBinary(node as ts.BinaryExpression);
    return true;
  };

  const onJsxAttribute = (node: ts.Node): boolean => {
    const attr = node as ts.JsxAttribute;
    const init = attr.initializer;
    if (init && isStringLiteral(init) && isIdentifier(attr.name) && attr.name.text === "method") {
      const upper = init.text.toUpperCase();
      if (HTTP_METHOD.test(upper)) index.formMethods.push({ name: upper, line: line(attr) });
    }
    return true;
  };

  const onCaseClause = (node: ts.Node): boolean => {
    branch();
    const clause = node as ts.CaseClause;
    const sw = up(2) as ts.SwitchStatement | undefined;
    if (
      sw &&
      sw.kind === K.SwitchStatement &&
      isMethodAccess(sw.expression) &&
      isStringish(clause.expression)
    )
      pushMethod(clause.expression.text, clause.expression);
    return true;
  };

  const onStringLiteral = (node: ts.Node): boolean => {
    const value = (node as ts.StringLiteral).text;
    if (value.length > 1 && value.length < 200 && value.charCodeAt(0) === 47 && !value.includes(" "))
      index.pathLiterals.push({ name: value, line: line(node) });
    return false;
  };

  /**
   * What each node kind records, one small function per kind: true when its children hold more. A function per
   * kind, called through this table, stays small when the engine recompiles it for node shapes it meets later.
   */
  const handlers = new Array<((node: ts.Node) => boolean) | undefined>(KIND_COUNT).fill(undefined);
  handlers[K.ImportDeclaration] = onImportDeclaration;
  handlers[K.CallExpression] = onCallExpression;
  handlers[K.NewExpression] = onNewExpression;
  handlers[K.PropertyAccessExpression] = onPropertyAccessExpression;
  handlers[K.ElementAccessExpression] = onElementAccessExpression;
  handlers[K.VariableStatement] = onVariableStatement;
  handlers[K.FunctionDeclaration] = onFunctionDeclaration;
  handlers[K.ClassDeclaration] = onClassDeclaration;
  handlers[K.MethodDeclaration] = onFunction;
  handlers[K.ArrowFunction] = onFunction;
  handlers[K.FunctionExpression] = onFunction;
  handlers[K.IfStatement] = onBranch;
  handlers[K.ConditionalExpression] = onBranch;
  handlers[K.ExportDeclaration] = onExportDeclaration;
  handlers[K.VariableDeclaration] = onVariableDeclaration;
  handlers[K.ForOfStatement] = onForOfStatement;
  handlers[K.Decorator] = onDecorator;
  handlers[K.PropertySignature] = onProperty;
  handlers[K.PropertyDeclaration] = onProperty;
  handlers[K.PropertyAssignment] = onProperty;
  handlers[K.ShorthandPropertyAssignment] = onProperty;
  handlers[K.ExportAssignment] = onExportAssignment;
  handlers[K.BinaryExpression] = onBinaryExpression;
  handlers[K.JsxAttribute] = onJsxAttribute;
  handlers[K.CaseClause] = onCaseClause;
  handlers[K.StringLiteral] = onStringLiteral;

  /** Records what one node says; false when its children hold nothing more. */
  function enter(node: ts.Node): boolean {
    const handle = handlers[node.kind];
    return handle === undefined || handle(node);
  }

  function visit(node: ts.Node): void {
    // Tokens (identifiers, keywords, literals) have no children: of those, only string literals say anything.
    if (node.kind <= LAST_TOKEN) {
      if (node.kind === K.StringLiteral) enter(node);
      return;
    }
    if (!enter(node)) return;
    ancestors.push(node);
    forEachChild(node, visit);
    ancestors.pop();
    leave(node);
  }

  function visitWithoutRecursion(): void {
    const stack: Array<ts.Node | null> = [];
    const pushChildren = (node: ts.Node) => {
      const children: ts.Node[] = [];
      forEachChild(node, (child) => {
        children.push(child);
      });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    };
    pushChildren(sf);
    while (stack.length) {
      const node = stack.pop()!;
      if (node === null) {
        leave(ancestors.pop()!);
      } else if (enter(node)) {
        ancestors.push(node);
        stack.push(null);
        pushChildren(node);
      }
    }
  }

  function enterFunction(node: ts.Node): void {
    const fn = node as ts.FunctionDeclaration;
    const parent = up(1);
    const name =
      fn.name && isIdentifier(fn.name)
        ? fn.name.text
        : (propName(fn.name) ??
          (parent?.kind === K.VariableDeclaration || parent?.kind === K.PropertyAssignment
            ? propName((parent as ts.VariableDeclaration).name)
            : undefined) ??
          "(anonymous)");
    functions.push({ node, name, line: line(node), branches: 0 });
  }

  function recordImport(decl: ts.ImportDeclaration): void {
    if (!isStringLiteral(decl.moduleSpecifier)) return;
    const info: ImportInfo = { module: decl.moduleSpecifier.text, line: line(decl), names: [] };
    const clause = decl.importClause;
    if (clause?.name) info.default = clause.name.text;
    const bindings = clause?.namedBindings;
    if (bindings?.kind === K.NamespaceImport) info.namespace = bindings.name.text;
    if (bindings?.kind === K.NamedImports) {
      const values = bindings.elements.filter((e) => !e.isTypeOnly);
      info.names = values.map((e) => e.name.text);
      if (values.length === 0 && bindings.elements.length > 0 && !clause?.name) info.typeOnly = true;
    }
    if (clause?.isTypeOnly) info.typeOnly = true;
    index.imports.push(info);
  }

  function recordCallOrRequire(call: ts.CallExpression): void {
    const [first] = call.arguments;
    const expr = call.expression;
    if (first && isStringish(first) && isIdentifier(expr) && expr.text === "require")
      index.imports.push(requireImport(up(1), first.text, line(call)));
    else if (first && isStringish(first) && expr.kind === K.ImportKeyword)
      index.imports.push({ module: first.text, line: line(call), names: [] });
    else recordCall(call, false);
  }

  /** The keys a value is set under, read up the ancestors until a statement: `a: { b: <here> }` → [a, b]. */
  function recordSetting(env: string, node: ts.Node): void {
    const path: string[] = [];
    for (let i = ancestors.length - 1; i >= 0; i--) {
      const a = ancestors[i]!;
      if (a.kind === K.PropertyAssignment) {
        const name = propName((a as ts.PropertyAssignment).name);
        if (name) path.unshift(name);
      } else if (a.kind === K.VariableDeclaration) {
        const name = (a as ts.VariableDeclaration).name;
        if (isIdentifier(name)) path.unshift(name.text);
        break;
      } else if (a.kind === K.BinaryExpression) {
        const bin = a as ts.BinaryExpression;
        if (bin.operatorToken.kind !== K.EqualsToken) continue;
        if (!/^(module\.)?exports$/.test(dotted(bin.left))) path.unshift(...dotted(bin.left).split("."));
        break;
      } else if (!SETTING_PASS.has(a.kind)) break;
    }
    index.settings.push({ env, line: line(node), path });
  }

  function recordCall(node: ts.CallExpression | ts.NewExpression, isNew: boolean): void {
    const expr = node.expression;
    // `wreck[method](url)`: a computed member call, recorded as `wreck[]` with its receiver's root.
    const computed =
      expr.kind === K.ElementAccessExpression &&
      !isStringish((expr as ts.ElementAccessExpression).argumentExpression)
        ? (expr as ts.ElementAccessExpression).expression
        : undefined;
    const root = rootName(computed ?? expr);
    if (BUILTINS.has(root) && !binds(root)) {
      if (root === "console" && index.consoleLine === undefined) index.consoleLine = line(node);
      return;
    }
    const callee = computed ? `${dotted(computed)}[]` : dotted(expr);
    const args = argsOf(node, false);
    const access =
      expr.kind === K.PropertyAccessExpression ? (expr as ts.PropertyAccessExpression) : undefined;
    const call: CallSite = {
      callee,
      root,
      name: access ? access.name.text : isIdentifier(expr) ? expr.text : computed ? "[]" : callee,
      args,
      // In a chain spread over lines, the method's own line is where a reader looks.
      line: line(access ? access.name : node),
      isNew,
    };
    const first = access && innermostCall(access.expression);
    if (first) call.chainArgs = argsOf(first, true);
    if (access && (call.name === "forEach" || call.name === "map")) {
      const fn = node.arguments?.[0];
      const param =
        fn && (fn.kind === K.ArrowFunction || fn.kind === K.FunctionExpression)
          ? (fn as ts.ArrowFunction).parameters[0]?.name
          : undefined;
      if (param && isIdentifier(param)) bindEach(param.text, access.expression);
    }
    let parent = up(1);
    if (parent?.kind === K.AwaitExpression) parent = up(2);
    if (parent?.kind === K.VariableDeclaration && isIdentifier((parent as ts.VariableDeclaration).name))
      call.assignedTo = ((parent as ts.VariableDeclaration).name as ts.Identifier).text;
    else if (parent?.kind === K.PropertyDeclaration && propName((parent as ts.PropertyDeclaration).name))
      call.assignedTo = `this.${propName((parent as ts.PropertyDeclaration).name)}`;
    else if (
      parent?.kind === K.BinaryExpression &&
      (parent as ts.BinaryExpression).operatorToken.kind === K.EqualsToken
    )
      call.assignedTo = dotted((parent as ts.BinaryExpression).left);
    index.calls.push(call);
    const env = args[0]?.value;
    if (env && ENV_HELPER.test(call.name) && ENV_NAME.test(env)) recordSetting(env, node);
  }

  /**
   * A call's arguments, read once. Every call of a chain (`db('x').where(…).select()`) keeps its first call's
   * arguments as `chainArgs`, and the walk meets that first call after the calls wrapped around it: those
   * reads are kept here for the calls after them in the chain and for the first call's own record.
   */
  const chainFirst = new Map<ts.Node, ArgInfo[]>();
  function argsOf(call: ts.CallExpression | ts.NewExpression, chain: boolean): ArgInfo[] {
    let args = chainFirst.get(call);
    if (args === undefined) {
      args = reader.args(call.arguments);
      if (chain) chainFirst.set(call, args);
    }
    return args;
  }

  /** Whether an import, require or destructuring so far binds the name (`import { Map } from 'immutable'`). */
  function binds(name: string): boolean {
    return (
      index.imports.some((i) => i.default === name || i.namespace === name || i.names.includes(name)) ||
      index.destructures.some((d) => d.names.includes(name))
    );
  }

  function recordDeclarationExport(decl: ts.FunctionDeclaration | ts.ClassDeclaration): void {
    if (!EXPORTED(decl)) return;
    const isDefault = decl.modifiers?.some((m) => m.kind === K.DefaultKeyword);
    if (isDefault) {
      index.defaultExportLine = line(decl);
      if (decl.name) index.defaultExport = decl.name.text;
    } else if (decl.name) index.exports.push({ name: decl.name.text, line: line(decl) });
  }

  function recordDestructuring(decl: ts.VariableDeclaration): void {
    if (!decl.initializer || decl.name.kind !== K.ObjectBindingPattern) return;
    if (isIdentifier(decl.initializer)) {
      const names = decl.name.elements.flatMap((e) => (isIdentifier(e.name) ? [e.name.text] : []));
      index.destructures.push({ from: decl.initializer.text, names });
      return;
    }
    if (!isProcessEnv(decl.initializer)) return;
    for (const el of decl.name.elements) {
      const name = el.propertyName ?? el.name;
      if (isIdentifier(name)) index.envReads.push({ name: name.text, line: line(el) });
    }
  }

  function recordBinding(decl: ts.VariableDeclaration): void {
    if (!decl.initializer || !isIdentifier(decl.name)) return;
    // At module level: [VariableStatement, VariableDeclarationList] above it.
    bind(decl.name.text, decl.initializer, ancestors.length === 2);
  }

  /** Keeps a value a path could come from; inside functions only strings and templates (`const base = '/x'`). */
  function bind(name: string, init: ts.Expression, moduleLevel: boolean): void {
    let node = init;
    while (WRAPS.has(node.kind)) node = (node as ts.AsExpression).expression;
    const kind = node.kind;
    const keep = moduleLevel ? BINDABLE.has(kind) : LOCAL_BINDABLE.has(kind);
    if (!keep) return;
    if (kind === K.CallExpression && isIdentifier((node as ts.CallExpression).expression)) {
      const callee = ((node as ts.CallExpression).expression as ts.Identifier).text;
      if (callee === "require") return;
    }
    index.bindings.push({ name, line: line(init), value: reader.read(node, 0, moduleLevel) });
  }

  /** A loop over a list written or named in place: `for (const v of ['a', 'b'])`, `variants.forEach((v) => …)`. */
  function bindEach(name: string, list: ts.Expression): void {
    if (
      list.kind !== K.ArrayLiteralExpression &&
      list.kind !== K.Identifier &&
      list.kind !== K.PropertyAccessExpression
    )
      return;
    index.bindings.push({ name, line: line(list), value: reader.read(list), each: true });
  }

  // Detectors ask which names a file declares and which strings they hold: a name's first line is enough.
  const propertyNames = new Set<string>();
  function recordProperty(node: ts.PropertyAssignment): void {
    const name = propName(node.name);
    if (!name) return;
    const init = node.kind === K.PropertyAssignment ? node.initializer : undefined;
    if (!init || !isStringish(init)) {
      if (propertyNames.has(name)) return;
      propertyNames.add(name);
    }
    index.properties.push(named(name, line(node), init));
    // convict: `endpoint: { doc, default, env: 'INGEST_ENDPOINT' }` is the setting `endpoint`.
    if (name === "env" && init && isStringish(init) && ENV_NAME.test(init.text))
      recordSetting(init.text, node);
  }

  function recordBinary(bin: ts.BinaryExpression): void {
    const op = bin.operatorToken.kind;
    if (op === K.EqualsToken) {
      const left = dotted(bin.left);
      if (left === "module.exports") {
        index.defaultExportLine = line(bin);
        if (isIdentifier(bin.right)) index.defaultExport = bin.right.text;
        bind("default", bin.right, true);
      } else if (/^(module\.)?exports\.\w+$/.test(left)) {
        const name = left.slice(left.lastIndexOf(".") + 1);
        index.exports.push(named(name, line(bin), bin.right));
        bind(name, bin.right, true);
      }
    } else if (op === K.EqualsEqualsEqualsToken || op === K.EqualsEqualsToken) {
      const literal = isStringish(bin.right) ? bin.right : isStringish(bin.left) ? bin.left : undefined;
      const other = literal === bin.right ? bin.left : bin.right;
      if (literal && isMethodAccess(other)) pushMethod(literal.text, literal);
    }
  }

  function pushMethod(value: string, node: ts.Node): void {
    const upper = value.toUpperCase();
    if (HTTP_METHOD.test(upper)) index.methodChecks.push({ name: upper, line: line(node) });
  }

  function recordDecorator(node: ts.Decorator): void {
    const expr = node.expression;
    const call = expr.kind === K.CallExpression ? (expr as ts.CallExpression) : undefined;
    const name = dotted(call ? call.expression : expr);
    const target = up(1);
    const info: DecoratorInfo = {
      name,
      args: reader.args(call?.arguments),
      line: line(node),
    };
    if (target?.kind === K.ClassDeclaration && (target as ts.ClassDeclaration).name)
      info.className = (target as ts.ClassDeclaration).name!.text;
    if (target?.kind === K.MethodDeclaration || target?.kind === K.PropertyDeclaration) {
      info.memberName = propName((target as ts.MethodDeclaration).name);
      const cls = up(2);
      if (cls?.kind === K.ClassDeclaration && (cls as ts.ClassDeclaration).name)
        info.className = (cls as ts.ClassDeclaration).name!.text;
    }
    index.decorators.push(info);
  }

  if (iterative) visitWithoutRecursion();
  else forEachChild(sf, visit);
  return index;
}

/** A named line, with the string it is given when that is a literal (`export const autoPrefix = '/x'`). */
function named(name: string, line: number, value: ts.Node | undefined): NamedLine {
  return value && isStringish(value) ? { name, line, value: value.text } : { name, line };
}

function requireImport(parent: ts.Node | undefined, module: string, line: number): ImportInfo {
  const info: ImportInfo = { module, line, names: [] };
  if (parent?.kind === K.VariableDeclaration) {
    const name = (parent as ts.VariableDeclaration).name;
    if (isIdentifier(name)) info.default = name.text;
    else if (name.kind === K.ObjectBindingPattern)
      info.names = name.elements.flatMap((e) => (isIdentifier(e.name) ? [e.name.text] : []));
  }
  return info;
}

function isProcessEnv(node: ts.Node): boolean {
  if (node.kind !== K.PropertyAccessExpression) return false;
  const access = node as ts.PropertyAccessExpression;
  return (
    access.name.text === "env" && isIdentifier(access.expression) && access.expression.text === "process"
  );
}

function isMethodAccess(node: ts.Node): boolean {
  return (
    node.kind === K.PropertyAccessExpression && (node as ts.PropertyAccessExpression).name.text === "method"
  );
}
