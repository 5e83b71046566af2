import {
  defaultFieldResolver,
  getNamedType,
  GraphQLID,
  GraphQLString,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { DomainError, msg } from '../errors';
import { MAX_LIST_ITEMS, ruleFor, stringProblem, type InputProblem, type InputRuleOptions } from '../domain/input-rules';

/** Checks one coerced value; throws BAD_USER_INPUT naming `path`. */
type Check = (value: unknown, path: string) => void;

const refuse = (path: string, p: InputProblem) =>
  new DomainError('BAD_USER_INPUT', msg(`Trường ${path} ${p.message.vi}`, `${path} ${p.message.en}`), { field: path, reason: p.reason });

/**
 * Compiles the check of an input type once, at startup. `key` is the rule key of a String/ID
 * leaf (`InputType.field` or `Root.field(arg)`). Null when nothing under the type is checked
 * (enums, numbers, booleans; DateTime, Date and JSON check themselves while being parsed).
 */
function compile(type: GraphQLInputType, key: string, options: InputRuleOptions, objects: Map<string, Check | null | undefined>): Check | null {
  if (isNonNullType(type)) return compile(type.ofType, key, options, objects);
  if (isListType(type)) {
    const item = compile(type.ofType, key, options, objects);
    return (value, path) => {
      if (!Array.isArray(value)) return item?.(value, path);
      if (value.length > MAX_LIST_ITEMS) {
        throw refuse(path, { reason: 'TOO_MANY_ITEMS', message: msg(`không được có quá ${MAX_LIST_ITEMS} phần tử`, `must have at most ${MAX_LIST_ITEMS} items`) });
      }
      if (item) for (let i = 0; i < value.length; i++) if (value[i] != null) item(value[i], `${path}[${i}]`);
    };
  }
  if (isInputObjectType(type)) {
    const name = type.name;
    if (objects.has(name)) {
      const done = objects.get(name);
      // `undefined`: being compiled (a recursive input type), looked up when it runs.
      return done !== undefined ? done : (value, path) => objects.get(name)?.(value, path);
    }
    objects.set(name, undefined);
    const fields: [string, Check][] = [];
    for (const f of Object.values(type.getFields())) {
      const check = compile(f.type, `${type.name}.${f.name}`, options, objects);
      if (check) fields.push([f.name, check]);
    }
    const check: Check | null = fields.length === 0 ? null : (value, path) => {
      if (value == null || typeof value !== 'object') return;
      const o = value as Record<string, unknown>;
      for (const [name, c] of fields) if (o[name] != null) c(o[name], `${path}.${name}`);
    };
    objects.set(name, check);
    return check;
  }
  const named = getNamedType(type);
  if (named === GraphQLString || named === GraphQLID) {
    const rule = ruleFor(key);
    return (value, path) => {
      if (typeof value !== 'string') return;
      const p = stringProblem(rule, value, options);
      if (p) throw refuse(path, p);
    };
  }
  return null;
}

/** The check of a field's arguments, or null when none of them needs one. */
function argumentsCheck(parent: string, field: GraphQLField<unknown, unknown>, options: InputRuleOptions, objects: Map<string, Check | null | undefined>) {
  const checks = field.args
    .map((a: GraphQLArgument) => [a.name, compile(a.type, `${parent}.${field.name}(${a.name})`, options, objects)] as const)
    .filter((x): x is readonly [string, Check] => x[1] !== null);
  if (checks.length === 0) return null;
  return (args: Record<string, unknown>) => {
    for (const [name, check] of checks) if (args[name] != null) check(args[name], name);
  };
}

/**
 * Checks the arguments of every field that has any, against src/domain/input-rules.ts, before
 * its resolver (or, on Subscription, its subscribe) runs: a refusal is BAD_USER_INPUT with
 * `extensions.field` the path of the value (`input.applicant.phone`, `input.components[0].url`)
 * and nothing reaches a command or the database. Only fields with arguments are wrapped (the root
 * fields, in this schema), so the fields of a catalogue page cost nothing more. Mutates and
 * returns the schema.
 */
export function guardArguments(schema: GraphQLSchema, options: InputRuleOptions): GraphQLSchema {
  const objects = new Map<string, Check | null | undefined>();
  const subscription = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const check = argumentsCheck(type.name, field, options, objects);
      if (!check) continue;
      if (type === subscription && field.subscribe) {
        // Checked once when subscribing; resolve then runs per event with the same arguments.
        const subscribe = field.subscribe;
        field.subscribe = (source, args, context, info) => {
          check(args);
          return subscribe(source, args, context, info);
        };
      } else {
        const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
        field.resolve = (source, args, context, info) => {
          check(args);
          return resolve(source, args, context, info);
        };
      }
    }
  }
  return schema;
}
