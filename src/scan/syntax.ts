// ts-morph's bundled compiler API is used directly: wrapping every node in ts-morph objects would
// roughly double the cost of a walk. Its `ts` namespace has thousands of members, so lookups on it are
// slow: everything the walk calls per node is bound once here.
import { ts } from "ts-morph";

export { ts };
const SK = ts.SyntaxKind;
/** The syntax kinds the walk compares against, copied into a small object so each lookup is a fast property read. */
export const K = {
  ArrayLiteralExpression: SK.ArrayLiteralExpression,
  ArrayType: SK.ArrayType,
  ArrowFunction: SK.ArrowFunction,
  AsExpression: SK.AsExpression,
  AwaitExpression: SK.AwaitExpression,
  BinaryExpression: SK.BinaryExpression,
  Block: SK.Block,
  CallExpression: SK.CallExpression,
  BarBarToken: SK.BarBarToken,
  CaseClause: SK.CaseClause,
  ClassDeclaration: SK.ClassDeclaration,
  ConditionalExpression: SK.ConditionalExpression,
  Decorator: SK.Decorator,
  DefaultKeyword: SK.DefaultKeyword,
  ElementAccessExpression: SK.ElementAccessExpression,
  EqualsEqualsEqualsToken: SK.EqualsEqualsEqualsToken,
  EqualsEqualsToken: SK.EqualsEqualsToken,
  EqualsToken: SK.EqualsToken,
  ExclamationEqualsEqualsToken: SK.ExclamationEqualsEqualsToken,
  ExclamationEqualsToken: SK.ExclamationEqualsToken,
  ExportAssignment: SK.ExportAssignment,
  ExportDeclaration: SK.ExportDeclaration,
  ExportKeyword: SK.ExportKeyword,
  ForOfStatement: SK.ForOfStatement,
  ExpressionStatement: SK.ExpressionStatement,
  FunctionDeclaration: SK.FunctionDeclaration,
  FunctionExpression: SK.FunctionExpression,
  Identifier: SK.Identifier,
  IfStatement: SK.IfStatement,
  ImportDeclaration: SK.ImportDeclaration,
  ImportKeyword: SK.ImportKeyword,
  JsxAttribute: SK.JsxAttribute,
  MethodDeclaration: SK.MethodDeclaration,
  NamedExports: SK.NamedExports,
  NamedImports: SK.NamedImports,
  NamespaceImport: SK.NamespaceImport,
  NewExpression: SK.NewExpression,
  NoSubstitutionTemplateLiteral: SK.NoSubstitutionTemplateLiteral,
  NonNullExpression: SK.NonNullExpression,
  ObjectBindingPattern: SK.ObjectBindingPattern,
  ObjectLiteralExpression: SK.ObjectLiteralExpression,
  ParenthesizedExpression: SK.ParenthesizedExpression,
  Parameter: SK.Parameter,
  PlusToken: SK.PlusToken,
  PrefixUnaryExpression: SK.PrefixUnaryExpression,
  PropertyAccessExpression: SK.PropertyAccessExpression,
  PropertyAssignment: SK.PropertyAssignment,
  PropertyDeclaration: SK.PropertyDeclaration,
  PropertySignature: SK.PropertySignature,
  QuestionQuestionToken: SK.QuestionQuestionToken,
  ReturnStatement: SK.ReturnStatement,
  SatisfiesExpression: SK.SatisfiesExpression,
  ShorthandPropertyAssignment: SK.ShorthandPropertyAssignment,
  SpreadAssignment: SK.SpreadAssignment,
  SpreadElement: SK.SpreadElement,
  StringLiteral: SK.StringLiteral,
  SwitchStatement: SK.SwitchStatement,
  TemplateExpression: SK.TemplateExpression,
  TemplateSpan: SK.TemplateSpan,
  ThisKeyword: SK.ThisKeyword,
  ThrowStatement: SK.ThrowStatement,
  TypeLiteral: SK.TypeLiteral,
  TypeOfExpression: SK.TypeOfExpression,
  TypeReference: SK.TypeReference,
  VariableDeclaration: SK.VariableDeclaration,
  VariableDeclarationList: SK.VariableDeclarationList,
  VariableStatement: SK.VariableStatement,
} as const;
export const forEachChild = ts.forEachChild;
const {
  isIdentifier,
  isStringLiteral,
  isNoSubstitutionTemplateLiteral,
  isPrivateIdentifier,
  isPropertyAccessExpression,
  isCallExpression,
  isNewExpression,
} = ts;
export { isIdentifier, isStringLiteral, isPropertyAccessExpression, isCallExpression };

const MAX_TEXT = 120;

export type ArgKind =
  | "string"
  | "template"
  | "concat"
  | "either"
  | "spread"
  | "identifier"
  | "object"
  | "array"
  | "function"
  | "call"
  | "member"
  | "other";

/**
 * An argument as detectors see it: a plain object, all fields set, so the engine gives every argument one shape
 * and can allocate the many an index keeps straight into the old generation. Its source text is sliced only when
 * a detector asks for it (`argText`): most never are, and a string per argument would be most of what an index
 * keeps alive.
 */
export interface ArgInfo {
  kind: ArgKind;
  line: number;
  /** The text the argument is a slice of: its file's, or a template part's own. Read it through `argText`. */
  readonly source: string;
  readonly start: number;
  readonly end: number;
  /** The literal value of a string or no-substitution template; for `require('x')`, the module. */
  value: string | undefined;
  props: Record<string, ArgInfo> | undefined;
  /**
   * Array elements; the parts of a template (`/a/${b}`) or of a `+` chain; both sides of `a || b`, `a ?? b`
   * and `c ? a : b` (kind "either"); the expression spread (kind "spread"); a call's arguments, when read deep.
   */
  items: ArgInfo[] | undefined;
  /** Object spreads (`{ ...base, path }`), when read deep. */
  spreads: ArgInfo[] | undefined;
  /** For a call argument: its callee. For a member: the dotted name. */
  callee: string | undefined;
}

function argInfo(kind: ArgKind, line: number, source: string, start: number, end: number): ArgInfo {
  return {
    kind,
    line,
    source,
    start,
    end,
    value: undefined,
    props: undefined,
    items: undefined,
    spreads: undefined,
    callee: undefined,
  };
}

/** An argument's source text, truncated to 120 characters (undefined for no argument). */
export function argText(a: ArgInfo): string;
export function argText(a: ArgInfo | undefined): string | undefined;
export function argText(a: ArgInfo | undefined): string | undefined {
  if (!a) return undefined;
  if (a.end - a.start <= MAX_TEXT) return a.source.slice(a.start, a.end);
  return `${a.source.slice(a.start, a.start + MAX_TEXT)}…`;
}

/** Expressions an argument is read through: `x as T`, `(x)`, `x satisfies T`, `x!`. */
const WRAPPERS = new Set<ts.SyntaxKind>([
  K.AsExpression,
  K.ParenthesizedExpression,
  K.SatisfiesExpression,
  K.NonNullExpression,
]);
const NO_ARGS: ArgInfo[] = [];
const NO_PROPS: Record<string, ArgInfo> = {};
Object.freeze(NO_ARGS);
Object.freeze(NO_PROPS);
/** Object and array literals deeper than this are summarised: detectors never look further down. */
const MAX_DEPTH = 4;

export function isStringish(node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral {
  return isStringLiteral(node) || isNoSubstitutionTemplateLiteral(node);
}

/**
 * An identifier's `text`, read from its `escapedText` as the getter does (`___x` is kept as `__x`) but without
 * the getter's two calls: the walk asks for a name at nearly every node.
 */
export function idText(id: ts.Identifier | ts.PrivateIdentifier): string {
  const text = id.escapedText as string;
  return text.length >= 3 &&
    text.charCodeAt(0) === 95 &&
    text.charCodeAt(1) === 95 &&
    text.charCodeAt(2) === 95
    ? text.slice(1)
    : text;
}

export function propName(name: ts.Node | undefined): string | undefined {
  if (!name) return undefined;
  if (isIdentifier(name) || isPrivateIdentifier(name)) return idText(name);
  if (isStringLiteral(name)) return name.text;
  return undefined;
}

/**
 * Dotted names: `a.b.c` for property chains, `a.b()` for calls in the chain, `this.x`, or `?` for
 * anything else. Files indexed together share one table, so a name seen before costs no new string.
 */
export class DottedNames {
  private readonly members = new Map<string, Map<string, string>>();
  private readonly calls = new Map<string, string>();

  of(node: ts.Node): string {
    switch (node.kind) {
      case K.Identifier:
        return idText(node as ts.Identifier);
      case K.ThisKeyword:
        return "this";
      case K.PropertyAccessExpression: {
        const access = node as ts.PropertyAccessExpression;
        return this.member(this.of(access.expression), idText(access.name));
      }
      case K.CallExpression:
      case K.NewExpression:
        return this.call(this.of((node as ts.CallExpression).expression));
      case K.NonNullExpression:
      case K.ParenthesizedExpression:
      case K.AwaitExpression:
      case K.AsExpression:
        return this.of((node as ts.NonNullExpression).expression);
      default:
        return "?";
    }
  }

  private member(left: string, name: string): string {
    let byName = this.members.get(left);
    if (!byName) this.members.set(left, (byName = new Map()));
    let joined = byName.get(name);
    if (joined === undefined) byName.set(name, (joined = `${left}.${name}`));
    return joined;
  }

  private call(left: string): string {
    let called = this.calls.get(left);
    if (called === undefined) this.calls.set(left, (called = `${left}()`));
    return called;
  }
}

/** The first name of a callee: what `DottedNames.of` would print before the first `.` or `(`. */
export function rootName(node: ts.Node): string {
  for (;;) {
    switch (node.kind) {
      case K.Identifier:
        return idText(node as ts.Identifier);
      case K.ThisKeyword:
        return "this";
      case K.PropertyAccessExpression:
      case K.CallExpression:
      case K.NewExpression:
      case K.NonNullExpression:
      case K.ParenthesizedExpression:
      case K.AwaitExpression:
      case K.AsExpression:
        node = (node as ts.PropertyAccessExpression).expression;
        break;
      default:
        return "?";
    }
  }
}

/** The innermost call of a chain such as `router.route('/x').get(a).post(b)`: the `route('/x')` call. */
export function innermostCall(node: ts.Expression): ts.CallExpression | ts.NewExpression | undefined {
  let found: ts.CallExpression | ts.NewExpression | undefined;
  let current: ts.Node = node;
  for (;;) {
    if (isCallExpression(current) || isNewExpression(current)) {
      found = current;
      current = current.expression;
    } else if (isPropertyAccessExpression(current)) current = current.expression;
    else return found;
  }
}

/** Offsets where lines begin. Only \n ends a line here: a lone \r is as rare in source as it is in editors. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** Skips whitespace and comments from pos, as the parser does before a token. */
export function skipTrivia(text: string, pos: number): number {
  for (;;) {
    const ch = text.charCodeAt(pos);
    if (
      ch === 32 ||
      ch === 9 ||
      ch === 10 ||
      ch === 13 ||
      ch === 11 ||
      ch === 12 ||
      ch === 0xa0 ||
      ch === 0xfeff
    )
      pos++;
    else if (ch === 47 && text.charCodeAt(pos + 1) === 47) {
      const end = text.indexOf("\n", pos + 2);
      pos = end === -1 ? text.length : end;
    } else if (ch === 47 && text.charCodeAt(pos + 1) === 42) {
      const end = text.indexOf("*/", pos + 2);
      pos = end === -1 ? text.length : end + 2;
    } else if (ch === 0x2028 || ch === 0x2029) pos++;
    else return pos;
  }
}

export class ArgReader {
  constructor(
    private readonly text: string,
    private readonly names: DottedNames,
  ) {
    this.starts = lineStarts(text);
  }

  private readonly starts: number[];

  get lineCount(): number {
    return this.starts.length;
  }

  /** Where the node's first token begins: its `pos` includes leading whitespace and comments. */
  start(node: ts.Node): number {
    return skipTrivia(this.text, node.pos);
  }

  line(node: ts.Node): number {
    return this.lineAt(this.start(node));
  }

  /** The line index of the previous answer: the walk asks in source order, so the next is usually close. */
  private last = 0;

  lineAt(pos: number): number {
    const starts = this.starts;
    let lo = starts[this.last]! <= pos ? this.last : 0;
    let hi = starts.length - 1;
    if (lo < hi && starts[lo + 1]! > pos) hi = lo;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    return lo + 1;
  }

  /** The arguments of a call: one shared empty list for the many calls without any. */
  args(list: ts.NodeArray<ts.Expression> | undefined, deepFrom?: number): ArgInfo[] {
    if (!list || list.length === 0) return NO_ARGS;
    const out = new Array<ArgInfo>(list.length);
    for (let i = 0; i < list.length; i++)
      out[i] = deepFrom === undefined ? this.read(list[i]!) : this.read(list[i]!, deepFrom, true);
    return out;
  }

  /** `/a/${b}/c` as the parts `/a/`, `b`, `/c`: literal text as strings, substitutions as read. */
  private templateParts(node: ts.TemplateExpression, depth: number): ArgInfo[] {
    const parts: ArgInfo[] = [];
    const literal = (text: string, at: ts.Node) => {
      if (!text) return;
      const part = argInfo("string", this.line(at), text, 0, text.length);
      part.value = text;
      parts.push(part);
    };
    literal(node.head.text, node.head);
    for (const span of node.templateSpans) {
      parts.push(this.read(span.expression, depth + 1));
      literal(span.literal.text, span.literal);
    }
    return parts;
  }

  /** `'/a' + b + '/c'`: every operand of a chain of `+`, left to right. */
  private operands(node: ts.BinaryExpression, depth: number, deep: boolean): ArgInfo[] {
    const right: ts.Expression[] = [];
    let left: ts.Expression = node;
    while (
      left.kind === K.BinaryExpression &&
      (left as ts.BinaryExpression).operatorToken.kind === K.PlusToken
    ) {
      right.push((left as ts.BinaryExpression).right);
      left = (left as ts.BinaryExpression).left;
    }
    const out = [this.read(left, depth + 1, deep)];
    for (let i = right.length - 1; i >= 0; i--) out.push(this.read(right[i]!, depth + 1, deep));
    return out;
  }

  /**
   * Reads one expression. `deep` (for module-level values, not call arguments) also keeps a call's arguments
   * and spreads, so `[].concat(require('./a'))` and `{ ...base }` can be followed.
   */
  read(node: ts.Expression, depth = 0, deep = false): ArgInfo {
    while (WRAPPERS.has(node.kind)) node = (node as ts.AsExpression).expression;
    const start = this.start(node);
    const line = this.lineAt(start);
    // A callback's body says nothing a detector reads from an argument: keep only its head.
    if (node.kind === K.ArrowFunction || node.kind === K.FunctionExpression)
      return argInfo("function", line, this.text, start, Math.min(node.end, start + 40));
    const info = argInfo("other", line, this.text, start, node.end);
    switch (node.kind) {
      case K.StringLiteral:
      case K.NoSubstitutionTemplateLiteral:
        info.kind = "string";
        info.value = (node as ts.StringLiteral).text;
        break;
      case K.TemplateExpression:
        info.kind = "template";
        info.items = depth < MAX_DEPTH ? this.templateParts(node as ts.TemplateExpression, depth) : NO_ARGS;
        break;
      case K.BinaryExpression: {
        const op = (node as ts.BinaryExpression).operatorToken.kind;
        if (op === K.PlusToken) {
          info.kind = "concat";
          info.items = depth < MAX_DEPTH ? this.operands(node as ts.BinaryExpression, depth, deep) : NO_ARGS;
        } else if ((op === K.BarBarToken || op === K.QuestionQuestionToken) && depth < MAX_DEPTH) {
          const bin = node as ts.BinaryExpression;
          info.kind = "either";
          info.items = [this.read(bin.left, depth + 1, deep), this.read(bin.right, depth + 1, deep)];
        }
        break;
      }
      case K.ConditionalExpression:
        if (depth < MAX_DEPTH) {
          const cond = node as ts.ConditionalExpression;
          info.kind = "either";
          info.items = [
            this.read(cond.whenTrue, depth + 1, deep),
            this.read(cond.whenFalse, depth + 1, deep),
          ];
        }
        break;
      case K.SpreadElement:
        info.kind = "spread";
        info.items = [this.read((node as ts.SpreadElement).expression, depth, deep)];
        break;
      case K.Identifier:
        info.kind = "identifier";
        break;
      case K.ObjectLiteralExpression:
        info.kind = "object";
        info.props =
          depth < MAX_DEPTH ? this.props(node as ts.ObjectLiteralExpression, info, depth, deep) : NO_PROPS;
        break;
      case K.ArrayLiteralExpression:
        info.kind = "array";
        info.items =
          depth < MAX_DEPTH
            ? (node as ts.ArrayLiteralExpression).elements.map((e) => this.read(e, depth + 1, deep))
            : NO_ARGS;
        break;
      case K.CallExpression:
      case K.NewExpression: {
        info.kind = "call";
        info.callee = this.names.of((node as ts.CallExpression).expression);
        // `require('./routes/x')` as an argument (app.use('/x', require(…))): keep the module it names.
        const first = (node as ts.CallExpression).arguments?.[0];
        if (info.callee === "require" && first && isStringish(first)) info.value = first.text;
        else if (deep && depth < MAX_DEPTH)
          info.items = this.args((node as ts.CallExpression).arguments, depth + 1);
        break;
      }
      case K.PropertyAccessExpression:
        info.kind = "member";
        info.callee = this.names.of(node);
        break;
    }
    return info;
  }

  private props(
    node: ts.ObjectLiteralExpression,
    base: ArgInfo,
    depth: number,
    deep: boolean,
  ): Record<string, ArgInfo> {
    const props: Record<string, ArgInfo> = {};
    for (const p of node.properties) {
      if (p.kind === K.SpreadAssignment) {
        if (deep) (base.spreads ??= []).push(this.read(p.expression, depth + 1, deep));
        continue;
      }
      const name = propName(p.name);
      if (!name) continue;
      if (p.kind === K.PropertyAssignment) props[name] = this.read(p.initializer, depth + 1, deep);
      else if (p.kind === K.ShorthandPropertyAssignment)
        props[name] = argInfo("identifier", base.line, name, 0, name.length);
      else if (p.kind === K.MethodDeclaration)
        props[name] = argInfo("function", base.line, name, 0, name.length);
    }
    return props;
  }
}
