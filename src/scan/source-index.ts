import {
  ArgReader,
  DottedNames,
  idText,
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
  const sf = parse(rel, text);
  try {
    return walk(sf, text, names, false);
  } catch (error) {
    // A very long chain (`a + b + …` in generated code) is deeper than the stack: walk that file without recursion.
    if (!(error instanceof RangeError)) throw error;
    return walk(sf, text, names, true);
  }
}

/**
 * The same index through `ts.forEachChild` alone, without recursion: the reference the fast walk, which reads the
 * commonest kinds' children itself, must agree with (a test compares them on every fixture and example source).
 */
export function indexSourceByForEachChild(rel: string, text: string): FileIndex {
  return walk(parse(rel, text), text, new DottedNames(), true);
}

function parse(rel: string, text: string): ts.SourceFile {
  return ts.createSourceFile(
    rel,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    scriptKindFor(rel),
  );
}

function walk(sf: ts.SourceFile, text: string, names: DottedNames, iterative: boolean): FileIndex {
  const walker = new Walker(sf, text, names);
  if (iterative) walker.visitWithoutRecursion();
  else walker.visitStatements(sf.statements);
  return walker.index;
}

/** A function whose branches are being counted while the walk is inside it. */
interface Frame {
  node: ts.Node;
  name: string;
  line: number;
  branches: number;
}

/**
 * What each node kind records, one small function per kind: true when its children hold more. A function per
 * kind, called through this table, stays small when the engine recompiles it for node shapes it meets later.
 * The table and its functions are built once, not per file, so the engine compiles each of them once.
 */
type Handler = (w: Walker, node: ts.Node) => boolean;
const HANDLERS = new Array<Handler | undefined>(KIND_COUNT).fill(undefined);

HANDLERS[K.ImportDeclaration] = (w, node) => {
  w.recordImport(node as ts.ImportDeclaration);
  return false;
};

HANDLERS[K.CallExpression] = (w, node) => {
  w.recordCallOrRequire(node as ts.CallExpression);
  return true;
};

HANDLERS[K.NewExpression] = (w, node) => {
  w.recordCall(node as ts.NewExpression, true);
  return true;
};

HANDLERS[K.PropertyAccessExpression] = (w, node) => {
  const access = node as ts.PropertyAccessExpression;
  const name = idText(access.name);
  if (isProcessEnv(access.expression)) {
    w.index.envReads.push({ name, line: w.line(access) });
    w.recordSetting(name, access);
  } else if (!w.accessedNames.has(name)) {
    // A method called (`z.string().email()`) is not a field read.
    const parent = w.up(1);
    if (parent?.kind === K.CallExpression && (parent as ts.CallExpression).expression === access) return true;
    w.accessedNames.add(name);
    w.index.accessed.push({ name, line: w.line(access) });
  }
  return true;
};

HANDLERS[K.ElementAccessExpression] = (w, node) => {
  const access = node as ts.ElementAccessExpression;
  if (isProcessEnv(access.expression) && isStringLiteral(access.argumentExpression)) {
    w.index.envReads.push({ name: access.argumentExpression.text, line: w.line(access) });
    w.recordSetting(access.argumentExpression.text, access);
  }
  return true;
};

HANDLERS[K.VariableStatement] = (w, node) => {
  if (EXPORTED(node))
    for (const d of (node as ts.VariableStatement).declarationList.declarations)
      if (isIdentifier(d.name)) w.index.exports.push(named(d.name.text, w.line(d), d.initializer));
  return true;
};

HANDLERS[K.FunctionDeclaration] = (w, node) => {
  w.enterFunction(node);
  w.recordDeclarationExport(node as ts.FunctionDeclaration);
  return true;
};

HANDLERS[K.ClassDeclaration] = (w, node) => {
  w.recordDeclarationExport(node as ts.ClassDeclaration);
  return true;
};

const onFunction: Handler = (w, node) => {
  w.enterFunction(node);
  return true;
};
HANDLERS[K.MethodDeclaration] = onFunction;
HANDLERS[K.ArrowFunction] = onFunction;
HANDLERS[K.FunctionExpression] = onFunction;

const onBranch: Handler = (w) => {
  w.branch();
  return true;
};
HANDLERS[K.IfStatement] = onBranch;
HANDLERS[K.ConditionalExpression] = onBranch;

HANDLERS[K.ExportDeclaration] = (w, node) => {
  const clause = (node as ts.ExportDeclaration).exportClause;
  if (clause && clause.kind === K.NamedExports)
    for (const e of clause.elements) w.index.exports.push({ name: e.name.text, line: w.line(e) });
  return true;
};

HANDLERS[K.VariableDeclaration] = (w, node) => {
  w.recordDestructuring(node as ts.VariableDeclaration);
  w.recordBinding(node as ts.VariableDeclaration);
  return true;
};

HANDLERS[K.ForOfStatement] = (w, node) => {
  const loop = node as ts.ForOfStatement;
  const list = loop.initializer;
  const decl =
    list.kind === K.VariableDeclarationList
      ? (list as ts.VariableDeclarationList).declarations[0]
      : undefined;
  if (decl && isIdentifier(decl.name)) w.bindEach(decl.name.text, loop.expression);
  return true;
};

HANDLERS[K.Decorator] = (w, node) => {
  w.recordDecorator(node as ts.Decorator);
  return true;
};

const onProperty: Handler = (w, node) => {
  w.recordProperty(node as ts.PropertyAssignment);
  return true;
};
HANDLERS[K.PropertySignature] = onProperty;
HANDLERS[K.PropertyDeclaration] = onProperty;
HANDLERS[K.PropertyAssignment] = onProperty;
HANDLERS[K.ShorthandPropertyAssignment] = onProperty;

HANDLERS[K.ExportAssignment] = (w, node) => {
  const exp = node as ts.ExportAssignment;
  w.index.defaultExportLine = w.line(exp);
  if (isIdentifier(exp.expression)) w.index.defaultExport = exp.expression.text;
  w.bind("default", exp.expression, true);
  return true;
};

HANDLERS[K.BinaryExpression] = (w, node) => {
  w.recordBinary(node as ts.BinaryExpression);
  return true;
};

HANDLERS[K.JsxAttribute] = (w, node) => {
  const attr = node as ts.JsxAttribute;
  const init = attr.initializer;
  if (init && isStringLiteral(init) && isIdentifier(attr.name) && attr.name.text === "method") {
    const upper = init.text.toUpperCase();
    if (HTTP_METHOD.test(upper)) w.index.formMethods.push({ name: upper, line: w.line(attr) });
  }
  return true;
};

HANDLERS[K.CaseClause] = (w, node) => {
  w.branch();
  const clause = node as ts.CaseClause;
  const sw = w.up(2) as ts.SwitchStatement | undefined;
  if (sw && sw.kind === K.SwitchStatement && isMethodAccess(sw.expression) && isStringish(clause.expression))
    w.pushMethod(clause.expression.text, clause.expression);
  return true;
};

const onStringLiteral: Handler = (w, node) => {
  const value = (node as ts.StringLiteral).text;
  if (value.length > 1 && value.length < 200 && value.charCodeAt(0) === 47 && !value.includes(" "))
    w.index.pathLiterals.push({ name: value, line: w.line(node) });
  return false;
};
HANDLERS[K.StringLiteral] = onStringLiteral;

/** One file's walk: what it has found so far, and where it is. */
class Walker {
  readonly index: FileIndex;
  private readonly reader: ArgReader;
  readonly accessedNames = new Set<string>();
  /** Branches are counted per function while the walk visits them: a frame per function, the file keeps the most. */
  private readonly functions: Frame[] = [];
  /** Parent pointers are tracked on a stack instead of asking the parser to set them: it is cheaper. */
  private readonly ancestors: ts.Node[] = [];
  /** Names an import, require or destructuring has bound so far (`import { Map } from 'immutable'`). */
  private readonly bound = new Set<string>();
  /** Detectors ask which names a file declares and which strings they hold: a name's first line is enough. */
  private readonly propertyNames = new Set<string>();
  /**
   * A call's arguments, read once. Every call of a chain (`db('x').where(…).select()`) keeps its first call's
   * arguments as `chainArgs`, and the walk meets that first call after the calls wrapped around it: those
   * reads are kept here for the calls after them in the chain and for the first call's own record.
   */
  private readonly chainFirst = new Map<ts.Node, ArgInfo[]>();
  /** `visit` as a callback, for the node kinds whose children `ts.forEachChild` lists. */
  private readonly visitor = (node: ts.Node): void => this.visit(node);

  constructor(
    private readonly sf: ts.SourceFile,
    text: string,
    private readonly names: DottedNames,
  ) {
    this.reader = new ArgReader(text, names);
    this.index = {
      rel: sf.fileName,
      lines: this.reader.lineCount,
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
      if (isStringLiteral(expr) && expr.text === "use client") this.index.useClient = true;
    }
  }

  up(n: number): ts.Node | undefined {
    return this.ancestors[this.ancestors.length - n];
  }

  line(node: ts.Node): number {
    return this.reader.line(node);
  }

  private dotted(node: ts.Node): string {
    return this.names.of(node);
  }

  branch(): void {
    const functions = this.functions;
    if (functions.length) functions[functions.length - 1]!.branches++;
  }

  private leave(top: Frame): void {
    this.functions.pop();
    const index = this.index;
    if (top.branches > (index.branchiest?.branches ?? 0))
      index.branchiest = { name: top.name, line: top.line, branches: top.branches };
  }

  /** Records what one node says; false when its children hold nothing more. */
  private enter(node: ts.Node): boolean {
    const handle = HANDLERS[node.kind];
    return handle === undefined || handle(this, node);
  }

  visitStatements(statements: ts.NodeArray<ts.Node>): void {
    for (let i = 0; i < statements.length; i++) this.child(statements[i]);
  }

  private visit(node: ts.Node): void {
    // Tokens (identifiers, keywords, literals) have no children: of those, only string literals say anything.
    const kind = node.kind;
    if (kind <= LAST_TOKEN) {
      if (kind === K.StringLiteral) onStringLiteral(this, node);
      return;
    }
    const handle = HANDLERS[kind];
    if (handle !== undefined && !handle(this, node)) return;
    this.ancestors.push(node);
    this.children(node);
    this.ancestors.pop();
    const functions = this.functions;
    if (functions.length !== 0 && functions[functions.length - 1]!.node === node)
      this.leave(functions[functions.length - 1]!);
  }

  /** A child, when there is one: tokens are looked at here, without a call to `visit`. */
  private child(node: ts.Node | undefined): void {
    if (node === undefined) return;
    const kind = node.kind;
    if (kind > LAST_TOKEN) this.visit(node);
    else if (kind === K.StringLiteral) onStringLiteral(this, node);
  }

  private each(nodes: ts.NodeArray<ts.Node> | undefined): void {
    if (nodes === undefined) return;
    for (let i = 0; i < nodes.length; i++) this.child(nodes[i]);
  }

  /**
   * The children of a node, in the order `ts.forEachChild` gives them, read directly for the kinds that make up
   * most of a file; the rest go through `ts.forEachChild`.
   */
  private children(node: ts.Node): void {
    switch (node.kind) {
      case K.PropertyAccessExpression:
      case K.ElementAccessExpression: {
        // expression, questionDotToken, name or argumentExpression
        const access = node as ts.ElementAccessExpression;
        this.child(access.expression);
        if (node.kind === K.ElementAccessExpression) this.child(access.argumentExpression);
        return;
      }
      case K.CallExpression:
      case K.NewExpression: {
        // expression, questionDotToken, typeArguments, arguments
        const call = node as ts.CallExpression;
        this.child(call.expression);
        this.each(call.typeArguments);
        this.each(call.arguments);
        return;
      }
      case K.BinaryExpression:
        // left, operatorToken, right
        this.child((node as ts.BinaryExpression).left);
        this.child((node as ts.BinaryExpression).right);
        return;
      case K.Block:
        this.each((node as ts.Block).statements);
        return;
      case K.VariableDeclaration: {
        const decl = node as ts.VariableDeclaration;
        // name, exclamationToken, type, initializer
        this.child(decl.name);
        this.child(decl.type);
        this.child(decl.initializer);
        return;
      }
      case K.Parameter: {
        const param = node as ts.ParameterDeclaration;
        // modifiers, dotDotDotToken, name, questionToken, type, initializer
        this.each(param.modifiers);
        this.child(param.name);
        this.child(param.type);
        this.child(param.initializer);
        return;
      }
      case K.VariableDeclarationList:
        this.each((node as ts.VariableDeclarationList).declarations);
        return;
      // One case per kind, though they read the same field: each load then meets one node shape.
      case K.ExpressionStatement:
        this.child((node as ts.ExpressionStatement).expression);
        return;
      case K.ReturnStatement:
        this.child((node as ts.ReturnStatement).expression);
        return;
      case K.AwaitExpression:
        this.child((node as ts.AwaitExpression).expression);
        return;
      case K.SpreadAssignment:
        this.child((node as ts.SpreadAssignment).expression);
        return;
      case K.SpreadElement:
        this.child((node as ts.SpreadElement).expression);
        return;
      case K.ParenthesizedExpression:
        this.child((node as ts.ParenthesizedExpression).expression);
        return;
      case K.ThrowStatement:
        this.child((node as ts.ThrowStatement).expression);
        return;
      case K.TypeOfExpression:
        this.child((node as ts.TypeOfExpression).expression);
        return;
      case K.NonNullExpression:
        this.child((node as ts.NonNullExpression).expression);
        return;
      case K.Decorator:
        this.child((node as ts.Decorator).expression);
        return;
      case K.PropertyAssignment: {
        const prop = node as ts.PropertyAssignment;
        // modifiers, name, questionToken, exclamationToken, initializer
        this.each((prop as unknown as ts.PropertyDeclaration).modifiers);
        this.child(prop.name);
        this.child(prop.initializer);
        return;
      }
      case K.VariableStatement:
        this.each((node as ts.VariableStatement).modifiers);
        this.child((node as ts.VariableStatement).declarationList);
        return;
      case K.ObjectLiteralExpression:
        this.each((node as ts.ObjectLiteralExpression).properties);
        return;
      case K.IfStatement: {
        const stmt = node as ts.IfStatement;
        this.child(stmt.expression);
        this.child(stmt.thenStatement);
        this.child(stmt.elseStatement);
        return;
      }
      case K.TypeReference:
        this.child((node as ts.TypeReferenceNode).typeName);
        this.each((node as ts.TypeReferenceNode).typeArguments);
        return;
      case K.ShorthandPropertyAssignment: {
        const prop = node as ts.ShorthandPropertyAssignment;
        // modifiers, name, questionToken, exclamationToken, equalsToken, objectAssignmentInitializer
        this.each((prop as unknown as ts.PropertyDeclaration).modifiers);
        this.child(prop.name);
        this.child(prop.objectAssignmentInitializer);
        return;
      }
      case K.ConditionalExpression: {
        const cond = node as ts.ConditionalExpression;
        // condition, questionToken, whenTrue, colonToken, whenFalse
        this.child(cond.condition);
        this.child(cond.whenTrue);
        this.child(cond.whenFalse);
        return;
      }
      case K.PropertySignature: {
        const prop = node as ts.PropertySignature;
        // modifiers, name, questionToken, type, initializer
        this.each((prop as unknown as ts.PropertyDeclaration).modifiers);
        this.child(prop.name);
        this.child(prop.type);
        this.child((prop as unknown as ts.PropertyAssignment).initializer);
        return;
      }
      case K.ArrayLiteralExpression:
        this.each((node as ts.ArrayLiteralExpression).elements);
        return;
      case K.TemplateExpression:
        // head (a token), templateSpans
        this.each((node as ts.TemplateExpression).templateSpans);
        return;
      case K.TemplateSpan:
        // expression, literal (a token)
        this.child((node as ts.TemplateSpan).expression);
        return;
      case K.FunctionDeclaration:
      case K.FunctionExpression:
      case K.MethodDeclaration:
      case K.ArrowFunction: {
        const fn = node as ts.MethodDeclaration;
        // modifiers, asteriskToken, name, questionToken, exclamationToken, typeParameters, parameters, type,
        // equalsGreaterThanToken, body: the tokens and the name each kind lacks are undefined.
        this.each(fn.modifiers);
        this.child(fn.name);
        this.each(fn.typeParameters);
        this.each(fn.parameters);
        this.child(fn.type);
        this.child(fn.body);
        return;
      }
      case K.PrefixUnaryExpression:
        this.child((node as ts.PrefixUnaryExpression).operand);
        return;
      case K.ForOfStatement: {
        const loop = node as ts.ForOfStatement;
        // awaitModifier, initializer, expression, statement
        this.child(loop.initializer);
        this.child(loop.expression);
        this.child(loop.statement);
        return;
      }
      case K.TypeLiteral:
        this.each((node as ts.TypeLiteralNode).members);
        return;
      case K.AsExpression:
      case K.SatisfiesExpression:
        this.child((node as ts.AsExpression).expression);
        this.child((node as ts.AsExpression).type);
        return;
      case K.ArrayType:
        this.child((node as ts.ArrayTypeNode).elementType);
        return;
      default:
        forEachChild(node, this.visitor);
    }
  }

  visitWithoutRecursion(): void {
    const stack: Array<ts.Node | null> = [];
    const pushChildren = (node: ts.Node) => {
      const children: ts.Node[] = [];
      forEachChild(node, (child) => {
        children.push(child);
      });
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    };
    pushChildren(this.sf);
    const functions = this.functions;
    while (stack.length) {
      const node = stack.pop()!;
      if (node === null) {
        const done = this.ancestors.pop()!;
        if (functions.length !== 0 && functions[functions.length - 1]!.node === done)
          this.leave(functions[functions.length - 1]!);
      } else if (this.enter(node)) {
        this.ancestors.push(node);
        stack.push(null);
        pushChildren(node);
      }
    }
  }

  enterFunction(node: ts.Node): void {
    const fn = node as ts.FunctionDeclaration;
    const parent = this.up(1);
    const name =
      fn.name && isIdentifier(fn.name)
        ? fn.name.text
        : (propName(fn.name) ??
          (parent?.kind === K.VariableDeclaration || parent?.kind === K.PropertyAssignment
            ? propName((parent as ts.VariableDeclaration).name)
            : undefined) ??
          "(anonymous)");
    this.functions.push({ node, name, line: this.line(node), branches: 0 });
  }

  recordImport(decl: ts.ImportDeclaration): void {
    if (!isStringLiteral(decl.moduleSpecifier)) return;
    const info: ImportInfo = { module: decl.moduleSpecifier.text, line: this.line(decl), names: [] };
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
    this.pushImport(info);
  }

  private pushImport(info: ImportInfo): void {
    this.index.imports.push(info);
    if (info.default !== undefined) this.bound.add(info.default);
    if (info.namespace !== undefined) this.bound.add(info.namespace);
    for (const name of info.names) this.bound.add(name);
  }

  recordCallOrRequire(call: ts.CallExpression): void {
    const first = call.arguments[0];
    const expr = call.expression;
    if (first && isStringish(first) && isIdentifier(expr) && idText(expr) === "require")
      this.pushImport(requireImport(this.up(1), first.text, this.line(call)));
    else if (first && isStringish(first) && expr.kind === K.ImportKeyword)
      this.pushImport({ module: first.text, line: this.line(call), names: [] });
    else this.recordCall(call, false);
  }

  /** The keys a value is set under, read up the ancestors until a statement: `a: { b: <here> }` → [a, b]. */
  recordSetting(env: string, node: ts.Node): void {
    const path: string[] = [];
    const ancestors = this.ancestors;
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
        if (!/^(module\.)?exports$/.test(this.dotted(bin.left)))
          path.unshift(...this.dotted(bin.left).split("."));
        break;
      } else if (!SETTING_PASS.has(a.kind)) break;
    }
    this.index.settings.push({ env, line: this.line(node), path });
  }

  recordCall(node: ts.CallExpression | ts.NewExpression, isNew: boolean): void {
    const expr = node.expression;
    // `wreck[method](url)`: a computed member call, recorded as `wreck[]` with its receiver's root.
    const computed =
      expr.kind === K.ElementAccessExpression &&
      !isStringish((expr as ts.ElementAccessExpression).argumentExpression)
        ? (expr as ts.ElementAccessExpression).expression
        : undefined;
    const root = rootName(computed ?? expr);
    if (BUILTINS.has(root) && !this.bound.has(root)) {
      if (root === "console" && this.index.consoleLine === undefined)
        this.index.consoleLine = this.line(node);
      return;
    }
    const callee = computed ? `${this.dotted(computed)}[]` : this.dotted(expr);
    const args = this.argsOf(node, false);
    const access =
      expr.kind === K.PropertyAccessExpression ? (expr as ts.PropertyAccessExpression) : undefined;
    const name = access ? idText(access.name) : isIdentifier(expr) ? idText(expr) : computed ? "[]" : callee;
    // In a chain spread over lines, the method's own line is where a reader looks.
    const line = this.line(access ? access.name : node);
    const first = access && innermostCall(access.expression);
    const chainArgs = first ? this.argsOf(first, true) : undefined;
    if (access && (name === "forEach" || name === "map")) {
      const fn = node.arguments?.[0];
      const param =
        fn && (fn.kind === K.ArrowFunction || fn.kind === K.FunctionExpression)
          ? (fn as ts.ArrowFunction).parameters[0]?.name
          : undefined;
      if (param && isIdentifier(param)) this.bindEach(param.text, access.expression);
    }
    let parent = this.up(1);
    if (parent?.kind === K.AwaitExpression) parent = this.up(2);
    let assignedTo: string | undefined;
    if (parent?.kind === K.VariableDeclaration && isIdentifier((parent as ts.VariableDeclaration).name))
      assignedTo = ((parent as ts.VariableDeclaration).name as ts.Identifier).text;
    else if (parent?.kind === K.PropertyDeclaration && propName((parent as ts.PropertyDeclaration).name))
      assignedTo = `this.${propName((parent as ts.PropertyDeclaration).name)}`;
    else if (
      parent?.kind === K.BinaryExpression &&
      (parent as ts.BinaryExpression).operatorToken.kind === K.EqualsToken
    )
      assignedTo = this.dotted((parent as ts.BinaryExpression).left);
    // Every call site has every field, in one order: one shape, so the detectors' reads of them stay fast.
    this.index.calls.push({ callee, root, name, args, line, isNew, chainArgs, assignedTo });
    const env = args[0]?.value;
    if (env && ENV_HELPER.test(name) && ENV_NAME.test(env)) this.recordSetting(env, node);
  }

  private argsOf(call: ts.CallExpression | ts.NewExpression, chain: boolean): ArgInfo[] {
    let args = this.chainFirst.get(call);
    if (args === undefined) {
      args = this.reader.args(call.arguments);
      if (chain) this.chainFirst.set(call, args);
    }
    return args;
  }

  recordDeclarationExport(decl: ts.FunctionDeclaration | ts.ClassDeclaration): void {
    if (!EXPORTED(decl)) return;
    const isDefault = decl.modifiers?.some((m) => m.kind === K.DefaultKeyword);
    if (isDefault) {
      this.index.defaultExportLine = this.line(decl);
      if (decl.name) this.index.defaultExport = decl.name.text;
    } else if (decl.name) this.index.exports.push({ name: decl.name.text, line: this.line(decl) });
  }

  recordDestructuring(decl: ts.VariableDeclaration): void {
    if (!decl.initializer || decl.name.kind !== K.ObjectBindingPattern) return;
    if (isIdentifier(decl.initializer)) {
      const names = decl.name.elements.flatMap((e) => (isIdentifier(e.name) ? [e.name.text] : []));
      this.index.destructures.push({ from: decl.initializer.text, names });
      for (const name of names) this.bound.add(name);
      return;
    }
    if (!isProcessEnv(decl.initializer)) return;
    for (const el of decl.name.elements) {
      const name = el.propertyName ?? el.name;
      if (isIdentifier(name)) this.index.envReads.push({ name: name.text, line: this.line(el) });
    }
  }

  recordBinding(decl: ts.VariableDeclaration): void {
    if (!decl.initializer || !isIdentifier(decl.name)) return;
    // At module level: [VariableStatement, VariableDeclarationList] above it.
    this.bind(decl.name.text, decl.initializer, this.ancestors.length === 2);
  }

  /** Keeps a value a path could come from; inside functions only strings and templates (`const base = '/x'`). */
  bind(name: string, init: ts.Expression, moduleLevel: boolean): void {
    let node = init;
    while (WRAPS.has(node.kind)) node = (node as ts.AsExpression).expression;
    const kind = node.kind;
    const keep = moduleLevel ? BINDABLE.has(kind) : LOCAL_BINDABLE.has(kind);
    if (!keep) return;
    if (kind === K.CallExpression && isIdentifier((node as ts.CallExpression).expression)) {
      const callee = ((node as ts.CallExpression).expression as ts.Identifier).text;
      if (callee === "require") return;
    }
    this.index.bindings.push({ name, line: this.line(init), value: this.reader.read(node, 0, moduleLevel) });
  }

  /** A loop over a list written or named in place: `for (const v of ['a', 'b'])`, `variants.forEach((v) => …)`. */
  bindEach(name: string, list: ts.Expression): void {
    if (
      list.kind !== K.ArrayLiteralExpression &&
      list.kind !== K.Identifier &&
      list.kind !== K.PropertyAccessExpression
    )
      return;
    this.index.bindings.push({ name, line: this.line(list), value: this.reader.read(list), each: true });
  }

  recordProperty(node: ts.PropertyAssignment): void {
    const name = propName(node.name);
    if (!name) return;
    const init = node.kind === K.PropertyAssignment ? node.initializer : undefined;
    if (!init || !isStringish(init)) {
      if (this.propertyNames.has(name)) return;
      this.propertyNames.add(name);
    }
    this.index.properties.push(named(name, this.line(node), init));
    // convict: `endpoint: { doc, default, env: 'INGEST_ENDPOINT' }` is the setting `endpoint`.
    if (name === "env" && init && isStringish(init) && ENV_NAME.test(init.text))
      this.recordSetting(init.text, node);
  }

  recordBinary(bin: ts.BinaryExpression): void {
    const op = bin.operatorToken.kind;
    if (op === K.EqualsToken) {
      const left = this.dotted(bin.left);
      if (left === "module.exports") {
        this.index.defaultExportLine = this.line(bin);
        if (isIdentifier(bin.right)) this.index.defaultExport = bin.right.text;
        this.bind("default", bin.right, true);
      } else if (/^(module\.)?exports\.\w+$/.test(left)) {
        const name = left.slice(left.lastIndexOf(".") + 1);
        this.index.exports.push(named(name, this.line(bin), bin.right));
        this.bind(name, bin.right, true);
      }
    } else if (
      op === K.EqualsEqualsEqualsToken ||
      op === K.EqualsEqualsToken ||
      // `if (req.method !== 'POST') return res.status(405)`: a guard that lets only that method through.
      op === K.ExclamationEqualsEqualsToken ||
      op === K.ExclamationEqualsToken
    ) {
      const literal = isStringish(bin.right) ? bin.right : isStringish(bin.left) ? bin.left : undefined;
      const other = literal === bin.right ? bin.left : bin.right;
      if (literal && isMethodAccess(other)) this.pushMethod(literal.text, literal);
    }
  }

  pushMethod(value: string, node: ts.Node): void {
    const upper = value.toUpperCase();
    if (HTTP_METHOD.test(upper)) this.index.methodChecks.push({ name: upper, line: this.line(node) });
  }

  recordDecorator(node: ts.Decorator): void {
    const expr = node.expression;
    const call = expr.kind === K.CallExpression ? (expr as ts.CallExpression) : undefined;
    const name = this.dotted(call ? call.expression : expr);
    const target = this.up(1);
    const info: DecoratorInfo = {
      name,
      args: this.reader.args(call?.arguments),
      line: this.line(node),
    };
    if (target?.kind === K.ClassDeclaration && (target as ts.ClassDeclaration).name)
      info.className = (target as ts.ClassDeclaration).name!.text;
    if (target?.kind === K.MethodDeclaration || target?.kind === K.PropertyDeclaration) {
      info.memberName = propName((target as ts.MethodDeclaration).name);
      const cls = this.up(2);
      if (cls?.kind === K.ClassDeclaration && (cls as ts.ClassDeclaration).name)
        info.className = (cls as ts.ClassDeclaration).name!.text;
    }
    this.index.decorators.push(info);
  }
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
    idText(access.name) === "env" &&
    isIdentifier(access.expression) &&
    idText(access.expression) === "process"
  );
}

function isMethodAccess(node: ts.Node): boolean {
  return (
    node.kind === K.PropertyAccessExpression &&
    idText((node as ts.PropertyAccessExpression).name) === "method"
  );
}
