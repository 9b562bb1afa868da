/** A small argument parser: positional arguments and `--flag value` / `--flag=value` options. */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
}

/** Parses `args`; `valued` lists options that take a value, `flags` those that do not. */
export function parseArgs(args: string[], valued: string[], flags: string[] = []): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) {
      options.set(name, true);
    } else if (valued.includes(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith("--")) {
        throw new UsageError(`--${name} needs a value`);
      }
      options.set(name, value);
    } else {
      const known = [...valued, ...flags].map((o) => `--${o}`).join(", ") || "none";
      throw new UsageError(`unknown option --${name} (options: ${known})`);
    }
  }
  return { positional, options };
}

/** A whole-number option within [min, max], or undefined when absent. */
export function intOption(p: Parsed, name: string, min: number, max: number): number | undefined {
  const raw = p.options.get(name);
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw === true || !Number.isInteger(v) || v < min || v > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got ${raw})`);
  }
  return v;
}

export function stringOption(p: Parsed, name: string): string | undefined {
  const raw = p.options.get(name);
  return typeof raw === "string" ? raw : undefined;
}

/** One of `allowed`, or undefined when absent. */
export function choiceOption<T extends string>(
  p: Parsed,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = p.options.get(name);
  if (raw === undefined) return undefined;
  if (raw === true || !(allowed as readonly string[]).includes(raw)) {
    throw new UsageError(
      `--${name} must be one of ${allowed.map((a) => `"${a}"`).join(", ")} (got ${raw})`,
    );
  }
  return raw as T;
}
