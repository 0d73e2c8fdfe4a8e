/** Turns zod issues into sentences a person can act on ("secondsWatched must be ≥ 0"). */
import type { z } from 'zod';

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}…` : v)})`;
  return `${typeof v === 'number' ? 'the number' : typeof v} ${String(v)}`;
}

/** zod's names for expected types, as a sentence says them ("an integer", not "a int"). */
const EXPECTED: Readonly<Record<string, string>> = { int: 'an integer', array: 'an array', object: 'an object' };

export function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const path = issue.path.map(String).join('.');
  const field = path || 'the record';
  const got = issue.path.length > 0 ? valueAt(input, issue.path) : input;
  if (got === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value')) return `${field} is missing`;
  switch (issue.code) {
    case 'invalid_type':
      return `${field} must be ${EXPECTED[issue.expected] ?? `a ${issue.expected}`}, not ${typeName(got)}`;
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? `${field} must not be empty` : `${field} must be at least ${min} characters`;
      if (issue.origin === 'array') return `${field} must have at least ${min} items`;
      return `${field} must be ${issue.inclusive === false ? '>' : '≥'} ${min}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `${field} is longer than ${max} characters`;
      if (issue.origin === 'array') return `${field} has more than ${max} items`;
      return `${field} must be ${issue.inclusive === false ? '<' : '≤'} ${max}`;
    }
    case 'unrecognized_keys':
      return `${field} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return `${field} has the wrong format`;
    default:
      return `${field}: ${issue.message}`;
  }
}
