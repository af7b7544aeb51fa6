import { z } from "zod";

type Shape = Record<string, z.ZodType>;

/**
 * A strict schema in which every field is optional and has no default, so a parsed patch holds only
 * what its author wrote (zod's own `.partial()` keeps defaults, which would overwrite lower layers).
 */
export function patchOf<T extends Shape>(schema: z.ZodObject<T>) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, withoutDefault(field).optional()]),
  );
  return z.object(shape as { [K in keyof T]: z.ZodOptional<T[K]> }).strict();
}

function withoutDefault(field: z.ZodType): z.ZodType {
  return field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field;
}

/** A field-by-field overlay: defined values in `top` win. */
export function overlay<T extends object>(base: T, top: Partial<T> | undefined): T {
  if (!top) return base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(top)) if (value !== undefined) out[key] = value;
  return out as T;
}
