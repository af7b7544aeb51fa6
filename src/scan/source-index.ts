// ts-morph's bundled compiler API is used directly: wrapping every node in ts-morph objects would
// roughly double the cost of a walk, and analysis must stay close to the cost of one parse.
import { ts } from "ts-morph";

export interface ArgInfo {
  kind: "string" | "template" | "identifier" | "object" | "array" | "function" | "call" | "member" | "other";
  /** Source text, truncated to 120 characters. */
  text: string;
  /** The literal value of a string or no-substitution template. */
  value?: string;
  props?: Record<string, ArgInfo>;
  items?: ArgInfo[];
  /** For a call argument: its callee. For a member: the dotted name. */
  callee?: string;
  line: number;
}

export interface CallSite {
  callee: string;
  args: ArgInfo[];
  line: number;
  isNew: boolean;
  /** The variable this call is assigned to, as in `const app = express()`. */
  assignedTo?: string;
}

export interface ImportInfo {
  module: string;
  line: number;
  default?: string;
  namespace?: string;
  names: string[];
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
  /** String literals that look like URL paths, with the line they appear on. */
  pathLiterals: NamedLine[];
}

const MAX_TEXT = 120;

export function scriptKindFor(rel: string): ts.ScriptKind {
  if (rel.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (rel.endsWith(".jsx")) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/.test(rel)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Parses one file (syntax only) and walks it once, collecting everything the detectors query. */
export function indexSource(rel: string, text: string): FileIndex {
  const sf = ts.createSourceFile(rel, text, ts.ScriptTarget.Latest, true, scriptKindFor(rel));
  const index: FileIndex = {
    rel,
    lines: sf.getLineStarts().length,
    parseErrors: (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0,
    imports: [],
    calls: [],
    envReads: [],
    decorators: [],
    properties: [],
    pathLiterals: [],
  };
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const textOf = (node: ts.Node) => {
    const raw = text.slice(node.getStart(sf), node.end);
    return raw.length > MAX_TEXT ? `${raw.slice(0, MAX_TEXT)}…` : raw;
  };

  function arg(node: ts.Expression): ArgInfo {
    const base = { text: textOf(node), line: lineOf(node) };
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      return { ...base, kind: "string", value: node.text };
    }
    if (ts.isTemplateExpression(node)) return { ...base, kind: "template" };
    if (ts.isIdentifier(node)) return { ...base, kind: "identifier" };
    if (ts.isObjectLiteralExpression(node)) {
      const props: Record<string, ArgInfo> = {};
      for (const p of node.properties) {
        if (ts.isPropertyAssignment(p) && propName(p.name)) props[propName(p.name)!] = arg(p.initializer);
        else if (ts.isShorthandPropertyAssignment(p))
          props[p.name.text] = { ...base, kind: "identifier", text: p.name.text };
        else if (ts.isMethodDeclaration(p) && propName(p.name))
          props[propName(p.name)!] = { ...base, kind: "function" };
      }
      return { ...base, kind: "object", props };
    }
    if (ts.isArrayLiteralExpression(node)) return { ...base, kind: "array", items: node.elements.map(arg) };
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) return { ...base, kind: "function" };
    if (ts.isCallExpression(node) || ts.isNewExpression(node))
      return { ...base, kind: "call", callee: dotted(node.expression) };
    if (ts.isPropertyAccessExpression(node)) return { ...base, kind: "member", callee: dotted(node) };
    if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node))
      return arg(node.expression);
    return { ...base, kind: "other" };
  }

  function recordCall(node: ts.CallExpression | ts.NewExpression, isNew: boolean): void {
    const callee = dotted(node.expression);
    const call: CallSite = { callee, args: (node.arguments ?? []).map(arg), line: lineOf(node), isNew };
    const parent = node.parent;
    if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
      call.assignedTo = parent.name.text;
    else if (
      parent &&
      ts.isAwaitExpression(parent) &&
      ts.isVariableDeclaration(parent.parent) &&
      ts.isIdentifier(parent.parent.name)
    ) {
      call.assignedTo = parent.parent.name.text;
    } else if (
      parent &&
      ts.isBinaryExpression(parent) &&
      parent.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      call.assignedTo = dotted(parent.left);
    }
    index.calls.push(call);
  }

  function visit(node: ts.Node): void {
    switch (node.kind) {
      case ts.SyntaxKind.ImportDeclaration: {
        const decl = node as ts.ImportDeclaration;
        if (!ts.isStringLiteral(decl.moduleSpecifier)) break;
        const info: ImportInfo = { module: decl.moduleSpecifier.text, line: lineOf(decl), names: [] };
        const clause = decl.importClause;
        if (clause?.name) info.default = clause.name.text;
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) info.namespace = bindings.name.text;
        if (bindings && ts.isNamedImports(bindings)) info.names = bindings.elements.map((e) => e.name.text);
        index.imports.push(info);
        return;
      }
      case ts.SyntaxKind.CallExpression: {
        const call = node as ts.CallExpression;
        const [first] = call.arguments;
        if (
          ts.isIdentifier(call.expression) &&
          call.expression.text === "require" &&
          first &&
          ts.isStringLiteral(first)
        ) {
          index.imports.push(requireImport(call, first.text, lineOf(call)));
        } else if (
          call.expression.kind === ts.SyntaxKind.ImportKeyword &&
          first &&
          ts.isStringLiteral(first)
        ) {
          index.imports.push({ module: first.text, line: lineOf(call), names: [] });
        } else {
          recordCall(call, false);
        }
        break;
      }
      case ts.SyntaxKind.NewExpression:
        recordCall(node as ts.NewExpression, true);
        break;
      case ts.SyntaxKind.PropertyAccessExpression: {
        const access = node as ts.PropertyAccessExpression;
        if (isProcessEnv(access.expression))
          index.envReads.push({ name: access.name.text, line: lineOf(access) });
        break;
      }
      case ts.SyntaxKind.ElementAccessExpression: {
        const access = node as ts.ElementAccessExpression;
        if (isProcessEnv(access.expression) && ts.isStringLiteral(access.argumentExpression)) {
          index.envReads.push({ name: access.argumentExpression.text, line: lineOf(access) });
        }
        break;
      }
      case ts.SyntaxKind.VariableDeclaration: {
        const decl = node as ts.VariableDeclaration;
        if (decl.initializer && isProcessEnv(decl.initializer) && ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            const name = el.propertyName ?? el.name;
            if (ts.isIdentifier(name)) index.envReads.push({ name: name.text, line: lineOf(el) });
          }
        }
        break;
      }
      case ts.SyntaxKind.Decorator:
        recordDecorator(node as ts.Decorator);
        break;
      case ts.SyntaxKind.PropertySignature:
      case ts.SyntaxKind.PropertyDeclaration:
      case ts.SyntaxKind.PropertyAssignment:
      case ts.SyntaxKind.ShorthandPropertyAssignment: {
        const name = propName((node as ts.PropertySignature).name);
        if (name) index.properties.push({ name, line: lineOf(node) });
        break;
      }
      case ts.SyntaxKind.ExportAssignment: {
        const exp = node as ts.ExportAssignment;
        if (ts.isIdentifier(exp.expression)) index.defaultExport = exp.expression.text;
        break;
      }
      case ts.SyntaxKind.BinaryExpression: {
        const bin = node as ts.BinaryExpression;
        if (
          bin.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          dotted(bin.left) === "module.exports" &&
          ts.isIdentifier(bin.right)
        ) {
          index.defaultExport = bin.right.text;
        }
        break;
      }
      case ts.SyntaxKind.StringLiteral: {
        const value = (node as ts.StringLiteral).text;
        if (value.length > 1 && value.length < 200 && value.startsWith("/") && !value.includes(" ")) {
          index.pathLiterals.push({ name: value, line: lineOf(node) });
        }
        return;
      }
    }
    ts.forEachChild(node, visit);
  }

  function recordDecorator(node: ts.Decorator): void {
    const expr = node.expression;
    const call = ts.isCallExpression(expr) ? expr : undefined;
    const name = dotted(call ? call.expression : expr);
    const target = node.parent;
    const info: DecoratorInfo = { name, args: call ? call.arguments.map(arg) : [], line: lineOf(node) };
    if (ts.isClassDeclaration(target) && target.name) info.className = target.name.text;
    if ((ts.isMethodDeclaration(target) || ts.isPropertyDeclaration(target)) && propName(target.name)) {
      info.memberName = propName(target.name);
      const cls = target.parent;
      if (ts.isClassDeclaration(cls) && cls.name) info.className = cls.name.text;
    }
    index.decorators.push(info);
  }

  visit(sf);
  return index;
}

function requireImport(call: ts.CallExpression, module: string, line: number): ImportInfo {
  const info: ImportInfo = { module, line, names: [] };
  const parent = call.parent;
  if (parent && ts.isVariableDeclaration(parent)) {
    if (ts.isIdentifier(parent.name)) info.default = parent.name.text;
    else if (ts.isObjectBindingPattern(parent.name)) {
      info.names = parent.name.elements.flatMap((e) => (ts.isIdentifier(e.name) ? [e.name.text] : []));
    }
  }
  return info;
}

function isProcessEnv(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === "env" &&
    ts.isIdentifier(node.expression) &&
    node.expression.text === "process"
  );
}

function propName(name: ts.PropertyName | undefined): string | undefined {
  if (!name) return undefined;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return undefined;
}

/** `a.b.c` for property chains, `a.b()` for calls in the chain, `this.x`, or `?` for anything else. */
export function dotted(node: ts.Node): string {
  if (ts.isIdentifier(node)) return node.text;
  if (node.kind === ts.SyntaxKind.ThisKeyword) return "this";
  if (ts.isPropertyAccessExpression(node)) return `${dotted(node.expression)}.${node.name.text}`;
  if (ts.isCallExpression(node)) return `${dotted(node.expression)}()`;
  if (ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node)) return dotted(node.expression);
  if (ts.isAwaitExpression(node)) return dotted(node.expression);
  return "?";
}
