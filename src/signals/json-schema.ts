/**
 * docs/signal.schema.json, derived from the zod schema of signal files (one definition): editors
 * use it to complete and check signal files; the loader itself checks with zod, which also refuses
 * patterns that could backtrack (something JSON Schema cannot say).
 */
import { z } from 'zod';
import { signalDefinitionSchema } from './schema.js';

type Json = { [key: string]: unknown };

export function signalJsonSchema(): Json {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/k8s-maturity/k8s-maturity/blob/main/docs/signal.schema.json',
    title: 'k8s-maturity signal',
    ...toJsonSchema(signalDefinitionSchema),
  };
}

function toJsonSchema(schema: z.ZodTypeAny): Json {
  const description = schema.description ? { description: schema.description } : {};
  if (schema instanceof z.ZodEffects) return { ...toJsonSchema(schema.innerType()), ...description };
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return { ...toJsonSchema(schema.unwrap()), ...description };
  if (schema instanceof z.ZodDefault) return { ...toJsonSchema(schema.removeDefault()), default: schema._def.defaultValue(), ...description };
  if (schema instanceof z.ZodObject) {
    const shape = schema.shape as Record<string, z.ZodTypeAny>;
    const required = Object.entries(shape).filter(([, value]) => !value.isOptional()).map(([key]) => key);
    return {
      type: 'object',
      ...description,
      properties: Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, toJsonSchema(value)])),
      ...(required.length ? { required } : {}),
      additionalProperties: false,
    };
  }
  if (schema instanceof z.ZodArray) return { type: 'array', ...description, items: toJsonSchema(schema.element) };
  if (schema instanceof z.ZodEnum) return { type: 'string', enum: schema.options as string[], ...description };
  if (schema instanceof z.ZodLiteral) return { const: schema.value, ...description };
  if (schema instanceof z.ZodBoolean) return { type: 'boolean', ...description };
  if (schema instanceof z.ZodString) {
    const out: Json = { type: 'string', ...description };
    for (const check of schema._def.checks) {
      if (check.kind === 'regex') out.pattern = check.regex.source;
      if (check.kind === 'min') out.minLength = check.value;
    }
    return out;
  }
  return { ...description };
}
