/**
 * Text PostgreSQL can hold, checked once at each edge that takes text (the API's JSON bodies and
 * query strings, the bot's activities and card data, roster JSON): a NUL character (U+0000) cannot
 * be stored in text or jsonb at all, and half of a UTF-16 surrogate pair would be stored as U+FFFD,
 * changing what the person wrote. Neither is anything a keyboard produces, so the edges refuse it
 * (api/storableText.ts: 400 `invalid_text`, naming each field, e.g. `views.goodAt`, `slots.1`,
 * `query.to`) rather than clean it: nothing is stored that differs from what was sent. Pure.
 */
export interface TextProblem {
  /** Where in the request: keys and array positions joined with dots. */
  path: string;
  message: string;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why this text cannot be stored as written, or undefined when it can. */
export function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'contains half of a character (a lone UTF-16 surrogate), which cannot be stored';
  return undefined;
}

const MAX_PROBLEMS = 20;

interface Node {
  value: unknown;
  key?: string | number;
  parent?: Node;
}

const pathOf = (node: Node): string => {
  const keys: (string | number)[] = [];
  for (let n: Node | undefined = node; n && n.key !== undefined; n = n.parent) keys.push(n.key);
  return keys.reverse().join('.');
};

/**
 * Every string (and object key) in a parsed JSON value that cannot be stored. Walked with a stack
 * and parent links rather than recursion and copied paths, so a deeply nested body costs its size.
 */
export function textProblems(value: unknown, prefix?: string): TextProblem[] {
  const problems: TextProblem[] = [];
  const root: Node = prefix === undefined ? { value } : { value, key: prefix };
  const stack: Node[] = [root];
  const report = (node: Node, message: string) => problems.push({ path: pathOf(node), message });
  while (stack.length > 0 && problems.length < MAX_PROBLEMS) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      const why = unstorable(v);
      if (why) report(node, why);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push({ value: v[i], key: i, parent: node });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, child] = entries[i]!;
        const why = unstorable(key);
        if (why) report({ value: key, key, parent: node }, `the field's name ${why}`);
        else stack.push({ value: child, key, parent: node });
      }
    }
  }
  return problems;
}
